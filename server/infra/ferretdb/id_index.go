package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"
)

// FerretDB v1 indexes `_id` on the expression _ferretdb_sjson->"_id" but looks documents up with
// _ferretdb_sjson->'$._id'. SQLite uses an expression index only for the very expression it was
// built on, so every lookup by `_id` reads the whole table (about 4 µs per document: 20 ms for one
// visitor among 5,000). keepIDLookupsIndexed adds to every collection's table an index on the
// expression the lookups use; FerretDB never sees it, and it goes away with the table.
func keepIDLookupsIndexed(ctx context.Context, dir string, every time.Duration) {
	for {
		files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
		for _, file := range files {
			if err := indexIDLookups(ctx, file); err != nil {
				slog.Warn("indexing _id lookups failed", "file", file, "error", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
	}
}

func indexIDLookups(ctx context.Context, file string) error {
	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()

	// Tables of collections (FerretDB's metadata table) without our index yet.
	rows, err := db.QueryContext(ctx, `
		SELECT c.table_name FROM _ferretdb_collections c
		WHERE NOT EXISTS (SELECT 1 FROM sqlite_master m WHERE m.type = 'index' AND m.name = c.table_name || '_id_lookup')`)
	if err != nil {
		return nil // the database is still being created: its metadata table comes first
	}
	var tables []string
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, table)
	}
	rows.Close()

	for _, table := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, table+"_id_lookup", table)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
