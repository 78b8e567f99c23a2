package lago

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http/httptrace"
	"sync"
)

// dialGate makes the default transport open a connection only when the
// connections it has, idle or on their way, cannot serve the requests
// waiting for one.
//
// net/http dials for every request that finds no idle connection, and a
// connection freed meanwhile by another request may serve it first; the
// surplus connection then sits idle, so a burst of N callers opens more
// than N connections. The gate counts, per transport:
//
//   - waiting: requests that do not have a connection yet;
//   - active: requests using a connection (from httptrace's GotConn until
//     their body is closed);
//   - established: connections handed to a request at least once, not closed;
//   - pending: connections dialing, or dialed and not yet handed out.
//
// A dial may start only while idle + pending < waiting, where idle is
// established - active. Then established + pending never exceeds
// waiting + active, which is at most the number of concurrent callers.
// Every miscount that can happen (a body never closed, say) errs towards
// allowing a dial, never towards holding one back for ever. A held dial
// whose request got a connection elsewhere gives up; net/http drops its
// error, since nothing waits for it any more.
type dialGate struct {
	mu          sync.Mutex
	cond        sync.Cond
	waiting     int
	active      int
	established int
	pending     int
	dial        func(ctx context.Context, network, addr string) (net.Conn, error)
}

func newDialGate(dial func(ctx context.Context, network, addr string) (net.Conn, error)) *dialGate {
	g := &dialGate{dial: dial}
	g.cond.L = &g.mu
	return g
}

// ticket follows one call's current attempt through the gate. It is also
// that attempt's response body, so that closing the body frees the
// connection in the gate's books. Its state is guarded by the gate's
// mutex.
type ticket struct {
	gate  *dialGate
	state ticketState
	body  io.ReadCloser
}

type ticketState uint8

const (
	ticketDone ticketState = iota
	ticketWaiting
	ticketActive
)

var errDialNotNeeded = errors.New("lago: connection no longer needed")

func (g *dialGate) update(change func()) {
	g.mu.Lock()
	change()
	g.mu.Unlock()
	g.cond.Broadcast()
}

// arm counts the attempt as waiting for a connection.
func (t *ticket) arm() {
	t.gate.update(func() {
		t.state = ticketWaiting
		t.gate.waiting++
	})
}

// gotConn is the attempt's httptrace GotConn hook.
func (t *ticket) gotConn(info httptrace.GotConnInfo) {
	g := t.gate
	fresh := gatedConnOf(info.Conn)
	g.update(func() {
		if t.state == ticketWaiting {
			t.state = ticketActive
			g.waiting--
			g.active++
		}
		if fresh != nil && !fresh.handedOut {
			fresh.handedOut = true
			g.pending--
			g.established++
		}
	})
}

// finish ends the attempt: it failed, or its body was closed.
func (t *ticket) finish() {
	g := t.gate
	g.update(func() {
		switch t.state {
		case ticketWaiting:
			g.waiting--
		case ticketActive:
			g.active--
		}
		t.state = ticketDone
	})
}

func (t *ticket) Read(p []byte) (int, error) { return t.body.Read(p) }

func (t *ticket) Close() error {
	err := t.body.Close()
	t.finish()
	return err
}

// DialContext is the transport's dialer. net/http keeps the request's
// context values on the dial context, which is how the ticket arrives.
func (g *dialGate) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	cs := callStateFrom(ctx)
	if cs == nil {
		return g.dial(ctx, network, addr)
	}
	t := &cs.ticket
	stop := context.AfterFunc(ctx, func() { g.update(func() {}) })
	defer stop()

	g.mu.Lock()
	for g.established-g.active+g.pending >= g.waiting {
		if t.state != ticketWaiting {
			g.mu.Unlock()
			return nil, errDialNotNeeded
		}
		if err := ctx.Err(); err != nil {
			g.mu.Unlock()
			return nil, err
		}
		g.cond.Wait()
	}
	g.pending++
	g.mu.Unlock()

	conn, err := g.dial(ctx, network, addr)
	if err != nil {
		g.update(func() { g.pending-- })
		return nil, err
	}
	return &gatedConn{Conn: conn, gate: g}, nil
}

// gatedConn is a connection the gate counts until it closes.
type gatedConn struct {
	net.Conn
	gate      *dialGate
	handedOut bool // guarded by gate.mu
	closed    bool // guarded by gate.mu
}

func (c *gatedConn) Close() error {
	c.gate.update(func() {
		if c.closed {
			return
		}
		c.closed = true
		if c.handedOut {
			c.gate.established--
		} else {
			c.gate.pending--
		}
	})
	return c.Conn.Close()
}

func gatedConnOf(conn net.Conn) *gatedConn {
	if tc, ok := conn.(*tls.Conn); ok {
		conn = tc.NetConn()
	}
	gc, _ := conn.(*gatedConn)
	return gc
}
