package store

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/comptoir/comptoir/app/pos"
)

// crashEnv names the database a re-executed test binary writes to until killed.
const crashEnv = "COMPTOIR_CRASH_CHILD_DB"

func TestMain(m *testing.M) {
	if path := os.Getenv(crashEnv); path != "" {
		crashChild(path)
		return
	}
	code := m.Run()
	if bigPath != "" {
		// The benchmarks' shared database lives outside any test's TempDir.
		if err := os.RemoveAll(filepath.Dir(bigPath)); err != nil && code == 0 {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	if err := goleak.Find(); err != nil && code == 0 {
		fmt.Fprintln(os.Stderr, err)
		code = 1
	}
	os.Exit(code)
}

// crashChild writes documents forever, reporting each commit on stdout, until
// the parent kills it. Saves mix new confirmed orders, new unconfirmed quotes and
// the confirmation of an earlier quote (an update that takes a number).
func crashChild(path string) {
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	seed, _ := strconv.ParseUint(os.Getenv(crashEnv+"_SEED"), 10, 64)
	rng := rand.New(rand.NewPCG(seed, uint64(os.Getpid())))
	at := testTime
	for i := 0; ; i++ {
		at = at.Add(time.Second)
		d, err := nextCrashDocument(ctx, db, rng)
		if err == nil {
			err = db.SaveDocument(ctx, d, at)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		fmt.Println("committed", i)
	}
}

func nextCrashDocument(ctx context.Context, db *DB, rng *rand.Rand) (*pos.Document, error) {
	if rng.IntN(10) == 0 {
		var id string
		err := db.read.QueryRowContext(ctx, `SELECT id FROM documents WHERE status = 'unconfirmed' LIMIT 1`).Scan(&id)
		if err == nil {
			d, err := db.Document(ctx, id)
			if err != nil {
				return nil, err
			}
			d.Status = pos.StatusConfirmed
			d.Revision++
			return &d, nil
		}
	}
	d := order(1 + rng.IntN(20))
	if rng.IntN(5) == 0 {
		d.Kind, d.Status = pos.KindQuote, pos.StatusUnconfirmed
	}
	return d, nil
}

// crashKills is how many times the writer is killed; `make soak` raises it.
func crashKills() int {
	if n, err := strconv.Atoi(os.Getenv("COMPTOIR_CRASH_KILLS")); err == nil && n > 0 {
		return n
	}
	return 200
}

// TestCrashKillsNeverTearOrReuse kills a writing process with SIGKILL at random
// moments and checks after every restart that the file is sound, that every
// document has all its lines and one outbox operation per save, and that no
// number is used twice or skipped.
func TestCrashKillsNeverTearOrReuse(t *testing.T) {
	db, path := openTest(t)
	require.NoError(t, db.Close())
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	kills := crashKills()
	committed := 0
	for i := range kills {
		committed += runAndKill(t, path, rng, i)
		checkCrashInvariants(t, path)
		if t.Failed() {
			t.Fatalf("invariants broken after kill %d", i+1)
		}
	}
	t.Logf("%d kills, %d commits acknowledged before a kill", kills, committed)
	assert.Greater(t, committed, kills/2, "the child must get work done between kills")
}

// runAndKill starts a writer, lets it acknowledge a random number of commits,
// waits a random fraction of a commit more, and kills it. It returns how many
// commits the child reported.
func runAndKill(t *testing.T, path string, rng *rand.Rand, i int) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashEnv+"="+path, fmt.Sprintf("%s_SEED=%d", crashEnv, i))
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	lines := bufio.NewScanner(out)
	want := rng.IntN(4)
	seen := 0
	for seen < want && lines.Scan() {
		seen++
	}
	// A random pause inside the next save, so kills land before, during and
	// after its commit. It picks a moment; it does not wait for anything.
	time.Sleep(time.Duration(rng.IntN(3000)) * time.Microsecond)
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	err = cmd.Wait()
	var exitErr *exec.ExitError
	require.ErrorAs(t, err, &exitErr, "the child must die by the kill, not exit on its own")
	return seen
}

func checkCrashInvariants(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, path)
	require.NoError(t, err)
	defer db.Close()

	res, err := db.IntegrityCheck(ctx)
	require.NoError(t, err)
	require.Equal(t, "ok", res)

	assert.Zero(t, count(t, db, `SELECT count(*) FROM documents d
		WHERE line_count != (SELECT count(*) FROM document_lines l WHERE l.doc_id = d.id)`), "a document lost lines")
	assert.Zero(t, count(t, db, `SELECT count(*) FROM documents d
		WHERE gross != (SELECT coalesce(sum(amount), 0) FROM document_lines l WHERE l.doc_id = d.id)`),
		"a document's total differs from its lines")
	// One operation per save: a document saved r+1 times (revision r) has r+1
	// operations, and the last carries the stored revision.
	assert.Zero(t, count(t, db, `SELECT count(*) FROM documents d
		WHERE revision + 1 != (SELECT count(*) FROM outbox o WHERE o.doc_id = d.id)`), "operations and saves differ")
	assert.Zero(t, count(t, db, `SELECT count(*) FROM outbox o WHERE NOT EXISTS
		(SELECT 1 FROM documents d WHERE d.id = o.doc_id)`), "an operation without its document")
	var payload []byte
	var revision int
	err = db.read.QueryRowContext(ctx, `SELECT o.payload, d.revision FROM outbox o JOIN documents d ON d.id = o.doc_id
		ORDER BY o.seq DESC LIMIT 1`).Scan(&payload, &revision)
	if err == nil {
		var last pos.Document
		require.NoError(t, json.Unmarshal(payload, &last))
		assert.Equal(t, revision, last.Revision)
	}

	// Numbers: unique, and exactly 1..counter for each series, so none was
	// skipped; the same for barcode sequences.
	assert.Zero(t, count(t, db, `SELECT count(*) FROM (SELECT number FROM documents WHERE number IS NOT NULL
		GROUP BY kind, number HAVING count(*) > 1)`), "a number used twice")
	for _, k := range []pos.Kind{pos.KindOrder, pos.KindQuote} {
		numbered := count(t, db, `SELECT count(*) FROM documents WHERE kind = ? AND number IS NOT NULL`, string(k))
		counter := count(t, db, `SELECT coalesce(max(value), 0) FROM counters WHERE name = ?`, "series/"+string(k)+"/2026")
		assert.Equal(t, counter, numbered, "%s numbers skipped or reused", k)
		if numbered > 0 {
			assert.Equal(t, 1, count(t, db, `SELECT count(*) FROM documents WHERE kind = ? AND number = ?`,
				string(k), fmt.Sprintf("%s/%d/2026/KRKASA1", k, numbered)), "%s's highest number is missing", k)
		}
	}
	docs := count(t, db, `SELECT count(*) FROM documents`)
	assert.Equal(t, docs, count(t, db, `SELECT coalesce(max(value), 0) FROM counters WHERE name = 'barcode'`))
}
