// Command ferretdb-launcher runs an embedded FerretDB so that the Node server and the test suite get
// a MongoDB-compatible database without a MongoDB installation. Its default backend is PostgreSQL
// (a private cluster the Node side starts); SQLite is kept to read data folders written before.
// It prints "ready <mongodb-uri>" once it accepts connections and stops on SIGINT/SIGTERM or when
// its stdin closes (so it never outlives the Node process that started it).
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
	handler := flag.String("handler", "postgresql", "backend: postgresql or sqlite")
	postgresURL := flag.String("postgresql-url", "", "PostgreSQL URL (postgresql backend)")
	dataDir := flag.String("data", "data/ferretdb", "directory of the SQLite files (sqlite backend)")
	watchStdin := flag.Bool("watch-stdin", true, "exit when stdin closes")
	flag.Parse()

	config := ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Handler:  *handler,
		Logger:   slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	}
	switch *handler {
	case "postgresql":
		config.PostgreSQLURL = *postgresURL
	case "sqlite":
		dir, err := filepath.Abs(*dataDir)
		if err != nil {
			log.Fatal(err)
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			log.Fatal(err)
		}
		config.SQLiteURL = "file:" + dir + "/"
	default:
		log.Fatalf("unknown handler %q", *handler)
	}
	f, err := ferretdb.New(&config)
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
	if *handler == "postgresql" {
		go keepEqualityFiltersIndexed(ctx, *postgresURL, time.Second)
	}
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
