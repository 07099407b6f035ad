// Package pgtest gives tests a PostgreSQL server: the one named by
// INFOGEN_TEST_POSTGRES (a DSN; .ci/test starts one and sets it), or
// else a private server that it starts from Debian's postgresql binaries
// in a temporary folder, listening on a Unix socket only, and stops when
// the tests end. Without either, the test fails and says what to do: the
// PostgreSQL tests never skip.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"infogeneratorn/generator/orders/pgstore"
)

// EnvDSN names the variable that points the tests at a running server.
const EnvDSN = "INFOGEN_TEST_POSTGRES"

// BinDir holds Debian's PostgreSQL 15 server binaries (package postgresql).
const BinDir = "/usr/lib/postgresql/15/bin"

// Server is a PostgreSQL server for tests.
type Server struct {
	DSN  string
	stop func()
}

var (
	once   sync.Once
	shared *Server
	err0   error
)

// Start returns the package's server, starting it on first use. Call
// Stop from TestMain after m.Run.
func Start() (*Server, error) {
	once.Do(func() {
		if dsn := os.Getenv(EnvDSN); dsn != "" {
			shared = &Server{DSN: dsn, stop: func() {}}
			return
		}
		shared, err0 = startPrivate()
	})
	return shared, err0
}

// Stop stops a private server; a server from the environment is left running.
func Stop() {
	if shared != nil {
		shared.stop()
	}
}

// Schema returns the DSN of a fresh, empty schema on the server (dropped
// when t ends), so that each test sees an empty database.
func Schema(t testing.TB) string {
	t.Helper()
	srv, err := Start()
	if err != nil {
		t.Fatalf("PostgreSQL for the tests: %v", err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "t_" + hex.EncodeToString(b)
	db, err := pgstore.OpenDB(context.Background(), srv.DSN)
	if err != nil {
		t.Fatalf("PostgreSQL at %s=%q: %v", EnvDSN, srv.DSN, err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE SCHEMA " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db, err := pgstore.OpenDB(context.Background(), srv.DSN)
		if err != nil {
			t.Error(err)
			return
		}
		defer db.Close()
		if _, err := db.Exec("DROP SCHEMA " + name + " CASCADE"); err != nil {
			t.Error(err)
		}
	})
	return withSearchPath(srv.DSN, name)
}

func withSearchPath(dsn, schema string) string {
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " search_path=" + schema
}

// startPrivate runs initdb and postgres in a temporary folder. PostgreSQL
// refuses to run as root; as root initdb and the server run as the
// postgres user.
func startPrivate() (*Server, error) {
	initdb := filepath.Join(BinDir, "initdb")
	if _, err := os.Stat(initdb); err != nil {
		return nil, fmt.Errorf("no %s and no %s: install Debian's postgresql package (.ci/test does) or point %s at a server",
			EnvDSN, initdb, EnvDSN)
	}
	dir, err := os.MkdirTemp("", "infogen-pg-")
	if err != nil {
		return nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			cleanup()
			return nil, fmt.Errorf("running as root needs the postgres user to run the server: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			cleanup()
			return nil, err
		}
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
	run := func(name string, args ...string) *exec.Cmd {
		cmd := exec.Command(filepath.Join(BinDir, name), args...)
		// Run as the postgres user directly (not through runuser), so
		// that the process we signal is the server itself.
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		stopWithParent(cmd.SysProcAttr)
		cmd.Dir = dir
		return cmd
	}
	data := filepath.Join(dir, "data")
	if out, err := run("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync").CombinedOutput(); err != nil {
		cleanup()
		return nil, fmt.Errorf("initdb: %v\n%s", err, out)
	}
	srv := run("postgres", "-D", data, "-k", dir, "-c", "listen_addresses=", "-c", "fsync=off", "-c", "max_connections=200")
	logf, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		cleanup()
		return nil, err
	}
	srv.Stdout, srv.Stderr = logf, logf
	if err := srv.Start(); err != nil {
		cleanup()
		return nil, err
	}
	stop := func() {
		srv.Process.Signal(os.Interrupt) // fast shutdown
		done := make(chan struct{})
		go func() { srv.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			srv.Process.Kill()
		}
		logf.Close()
		cleanup()
	}
	dsn := fmt.Sprintf("host=%s user=postgres dbname=postgres sslmode=disable", dir)
	deadline := time.Now().Add(30 * time.Second)
	for {
		db, err := pgstore.OpenDB(context.Background(), dsn)
		if err == nil {
			db.Close()
			return &Server{DSN: dsn, stop: stop}, nil
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(dir, "server.log"))
			stop()
			return nil, errors.Join(fmt.Errorf("PostgreSQL did not start: %w", err), errors.New(string(log)))
		}
		time.Sleep(50 * time.Millisecond)
	}
}
