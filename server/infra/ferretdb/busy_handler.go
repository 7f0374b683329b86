package main

import (
	"fmt"
	"reflect"
	"time"
	"unsafe"

	"modernc.org/libc"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// SQLite lets one writer in at a time; a writer that finds the lock taken calls the busy handler.
// The default handler (what busy_timeout installs) sleeps 1, 2, 5, 10, 15, 20, 25 … 100 ms between
// tries, so under a steady stream of inserts a waiter that misses a few releases waits 50-100 ms
// while the lock itself is held for a millisecond or two. Trying again every busyPoll instead keeps
// the wait close to the time the writers ahead actually need.
const (
	busyPoll    = 200 * time.Microsecond
	busyTimeout = 10 * time.Second // what FerretDB's busy_timeout(10000) allowed
)

func init() {
	sqlite.RegisterConnectionHook(func(conn sqlite.ExecQuerierContext, _ string) error {
		// The driver exposes no busy-handler setter; its connection keeps the C handle in `db`
		// and the thread state the transpiled C needs in `tls`.
		c := reflect.ValueOf(conn)
		if c.Kind() != reflect.Pointer || c.Elem().Kind() != reflect.Struct {
			return fmt.Errorf("busy handler: unexpected sqlite connection type %T", conn)
		}
		tls, db := c.Elem().FieldByName("tls"), c.Elem().FieldByName("db")
		if tls.Kind() != reflect.Pointer || db.Kind() != reflect.Uintptr {
			return fmt.Errorf("busy handler: sqlite connection %T has no tls/db fields", conn)
		}
		rc := sqlite3.Xsqlite3_busy_handler((*libc.TLS)(tls.UnsafePointer()), uintptr(db.Uint()), busyHandlerPointer, 0)
		if rc != sqlite3.SQLITE_OK {
			return fmt.Errorf("busy handler: sqlite3_busy_handler returned %d", rc)
		}
		return nil
	})
}

// pollWhileBusy is the busy handler: 1 = try again, 0 = give up with SQLITE_BUSY.
func pollWhileBusy(_ *libc.TLS, _ uintptr, count int32) int32 {
	if time.Duration(count)*busyPoll >= busyTimeout {
		return 0
	}
	time.Sleep(busyPoll)
	return 1
}

// busyHandlerPointer is pollWhileBusy as the transpiled C code calls function pointers: the
// address of the function value (see modernc.org/sqlite's cFuncPointer).
var busyHandlerPointer = func() uintptr {
	f := pollWhileBusy
	return *(*uintptr)(unsafe.Pointer(&struct{ f func(*libc.TLS, uintptr, int32) int32 }{f}))
}()
