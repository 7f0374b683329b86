// Command ferretdb-launcher runs an embedded FerretDB (SQLite backend) so that
// the Node server and the test suite get a MongoDB-compatible database without
// a MongoDB installation. It prints "ready <mongodb-uri>" once it accepts
// connections and stops on SIGINT/SIGTERM or when its stdin closes (so it never
// outlives the Node process that started it).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dataDir := flag.String("data", "data/ferretdb", "directory for the SQLite files")
	watchStdin := flag.Bool("watch-stdin", true, "exit when stdin closes")
	flag.Parse()

	dir, err := filepath.Abs(*dataDir)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		log.Fatal(err)
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Handler:   "sqlite",
		// WAL with synchronous=NORMAL: a commit survives a crash of any process (it is in the WAL),
		// and is flushed to disk at checkpoints rather than with an fsync per write; only a power
		// loss or OS crash can lose the last moments, as with MongoDB's default journal interval.
		SQLiteURL: "file:" + dir + "/?_pragma=synchronous(normal)",
		Logger:    slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	if err := waitForListener(ctx, *listen); err != nil {
		log.Fatal(err)
	}
	go keepIDLookupsIndexed(ctx, dir, 2*time.Second)
	fmt.Printf("ready %s\n", f.MongoDBURI())

	if err := <-done; err != nil && ctx.Err() == nil {
		log.Fatal(err)
	}
}

// waitForListener polls the TCP address because ferretdb.Run does not signal readiness.
func waitForListener(ctx context.Context, addr string) error {
	for ctx.Err() == nil {
		conn, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			return conn.Close()
		}
		time.Sleep(50 * time.Millisecond)
	}
	return ctx.Err()
}
