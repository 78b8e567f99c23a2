package lago

import (
	"context"
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
)

// dialGate makes the default transport open a connection only when there
// are more calls in flight than connections, open or dialing.
//
// net/http dials for every request that finds no idle connection, and a
// connection freed meanwhile by another request may serve it first; the
// surplus connection then sits idle, so a burst of N callers opens more
// than N connections. The gate counts, per transport:
//
//   - inflight: attempts between sending and the close of their body,
//     whether they have a connection yet or not;
//   - conns: connections the gate let dial, until they close.
//
// A dial may start only while conns < inflight, checked and counted in one
// step, so conns never exceeds the number of concurrent callers. When
// conns >= inflight every attempt in flight either has a connection or
// will get one of those already open or dialing as it frees up, which
// net/http hands to waiting requests. A held dial waits until that changes
// or its own attempt ends; then it gives up, and net/http drops its error,
// since nothing waits for it any more. Every miscount that can happen (a
// body never closed, say) errs towards allowing a dial, never towards
// holding one back for ever.
//
// The counts are atomic, so an attempt that needs no dial, the usual case,
// takes no lock: the mutex and condition only serve held dials, and are
// touched by others only while one is held.
type dialGate struct {
	inflight atomic.Int64
	conns    atomic.Int64
	held     atomic.Int64 // dials waiting on cond
	mu       sync.Mutex
	cond     sync.Cond
	dial     func(ctx context.Context, network, addr string) (net.Conn, error)
}

func newDialGate(dial func(ctx context.Context, network, addr string) (net.Conn, error)) *dialGate {
	g := &dialGate{dial: dial}
	g.cond.L = &g.mu
	return g
}

// changed wakes the held dials, if any, after a count or a ticket changed.
// A held dial registers in held before it reads the counts, so either it
// sees the change or this sees it and waits for it to be asleep.
func (g *dialGate) changed() {
	if g.held.Load() > 0 {
		g.mu.Lock()
		g.cond.Broadcast()
		g.mu.Unlock()
	}
}

// tryAdmit counts a new connection if there are more attempts in flight
// than connections.
func (g *dialGate) tryAdmit() bool {
	for {
		n := g.conns.Load()
		if n >= g.inflight.Load() {
			return false
		}
		if g.conns.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// ticket follows one call's current attempt through the gate. It is also
// that attempt's response body, so that closing the body ends the attempt
// in the gate's books.
type ticket struct {
	gate   *dialGate
	inside atomic.Bool // between arm and finish
	body   io.ReadCloser
}

var errDialNotNeeded = errors.New("lago: connection no longer needed")

// arm counts the attempt as in flight.
func (t *ticket) arm() {
	t.inside.Store(true)
	t.gate.inflight.Add(1)
	t.gate.changed()
}

// finish ends the attempt: it failed, or its body was closed. It may be
// called more than once.
func (t *ticket) finish() {
	if t.inside.Swap(false) {
		t.gate.inflight.Add(-1)
		t.gate.changed()
	}
}

func (t *ticket) Read(p []byte) (int, error) { return t.body.Read(p) }

func (t *ticket) Close() error {
	err := t.body.Close()
	t.finish()
	return err
}

// DialContext is the transport's dialer. net/http keeps the request's
// context values on the dial context, which is how the ticket arrives.
// Dials without one (requests made through Client.Generated) are neither
// held nor counted.
func (g *dialGate) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	cs := callStateFrom(ctx)
	if cs == nil {
		return g.dial(ctx, network, addr)
	}
	if !g.tryAdmit() {
		if err := g.hold(ctx, &cs.ticket); err != nil {
			return nil, err
		}
	}
	conn, err := g.dial(ctx, network, addr)
	if err != nil {
		g.conns.Add(-1)
		g.changed()
		return nil, err
	}
	return &gatedConn{Conn: conn, gate: g}, nil
}

// hold waits until the dial is admitted, or is not needed any more: its
// attempt ended, or net/http canceled the dial.
func (g *dialGate) hold(ctx context.Context, t *ticket) error {
	stop := context.AfterFunc(ctx, func() {
		g.mu.Lock()
		g.cond.Broadcast()
		g.mu.Unlock()
	})
	defer stop()

	g.mu.Lock()
	defer g.mu.Unlock()
	g.held.Add(1)
	defer g.held.Add(-1)
	for !g.tryAdmit() {
		if !t.inside.Load() {
			return errDialNotNeeded
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		g.cond.Wait()
	}
	return nil
}

// gatedConn is a connection the gate counts until it closes.
type gatedConn struct {
	net.Conn
	gate   *dialGate
	closed atomic.Bool
}

func (c *gatedConn) Close() error {
	if c.closed.CompareAndSwap(false, true) {
		c.gate.conns.Add(-1)
		c.gate.changed()
	}
	return c.Conn.Close()
}
