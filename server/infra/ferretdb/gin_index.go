package main

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// FerretDB 1.24 on PostgreSQL pushes a top-level equality filter down as `_jsonb->'field' @> value`,
// but builds each declared index as a btree over `_jsonb->'field'`, which cannot serve `@>`: every
// filtered read scans the whole table. keepEqualityFiltersIndexed gives every btree index FerretDB
// created a GIN twin over the same expressions (a multicolumn GIN serves any subset of its columns),
// so an equality filter on indexed fields costs what it returns. FerretDB never sees the twins; they
// go away with their table.
func keepEqualityFiltersIndexed(ctx context.Context, url string, every time.Duration) {
	for {
		if err := indexEqualityFilters(ctx, url); err != nil && ctx.Err() == nil {
			slog.Warn("mirroring indexes as GIN failed", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
	}
}

var fieldExpression = regexp.MustCompile(`^\(_jsonb -> '[A-Za-z0-9_]+'::text\)$`)

// Btree indexes on FerretDB's collection tables that have no GIN twin yet, with their key expressions.
const missingTwins = `
SELECT n.nspname, t.relname, 'gin_' || left(md5(n.nspname || '.' || i.relname), 24) AS twin,
       array_agg(pg_get_indexdef(x.indexrelid, k, true) ORDER BY k)
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_am am ON am.oid = i.relam
CROSS JOIN LATERAL generate_series(1, x.indnkeyatts) AS k
WHERE am.amname = 'btree'
  AND t.relname <> '_ferretdb_database_metadata'
  AND EXISTS (SELECT 1 FROM pg_class m WHERE m.relnamespace = n.oid AND m.relname = '_ferretdb_database_metadata')
  AND NOT EXISTS (SELECT 1 FROM pg_class g WHERE g.relnamespace = n.oid AND g.relname = 'gin_' || left(md5(n.nspname || '.' || i.relname), 24))
GROUP BY n.nspname, t.relname, i.relname`

func indexEqualityFilters(ctx context.Context, url string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())

	rows, err := conn.Query(ctx, missingTwins)
	if err != nil {
		return err
	}
	type twin struct {
		schema, table, name string
		columns             []string
	}
	var twins []twin
	for rows.Next() {
		var t twin
		var expressions []string
		if err := rows.Scan(&t.schema, &t.table, &t.name, &expressions); err != nil {
			rows.Close()
			return err
		}
		for _, e := range expressions {
			if fieldExpression.MatchString(e) {
				t.columns = append(t.columns, e)
			}
		}
		if len(t.columns) > 0 {
			twins = append(twins, t)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	for _, t := range twins {
		// fastupdate=off: each insert updates the index itself, instead of queueing entries that the
		// insert that fills the queue (4 MB) then merges while its client waits — a latency spike.
		q := fmt.Sprintf(`CREATE INDEX CONCURRENTLY IF NOT EXISTS %s ON %s USING gin (%s) WITH (fastupdate = off)`,
			pgx.Identifier{t.name}.Sanitize(), pgx.Identifier{t.schema, t.table}.Sanitize(), strings.Join(t.columns, ", "))
		if _, err := conn.Exec(ctx, q); err != nil {
			// A collection dropped meanwhile, or a concurrent build left an invalid index: drop and retry next round.
			_, _ = conn.Exec(ctx, fmt.Sprintf(`DROP INDEX CONCURRENTLY IF EXISTS %s`, pgx.Identifier{t.schema, t.name}.Sanitize()))
			return fmt.Errorf("%s.%s: %w", t.schema, t.table, err)
		}
	}
	return nil
}
