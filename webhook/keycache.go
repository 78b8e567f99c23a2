package webhook

import (
	"context"
	"crypto/rsa"
	"fmt"
	"sync"
	"time"
)

// keySource fetches Lago's public key, as /webhooks/json_public_key serves
// it (the base64 of a PEM). The verifier is built with one so that it can
// be tested without a client; see NewVerifier for the one that calls Lago.
type keySource func(ctx context.Context) ([]byte, error)

// DefaultKeyRefreshInterval is how often, at most, a signature that fails
// against the fetched public key makes the verifier fetch the key again.
const DefaultKeyRefreshInterval = 5 * time.Minute

// keyRetryDelay is how long, at most, a verifier without any key waits
// between two failed fetches: short, so that Lago's next delivery attempt
// (about 3 s later) finds a key, and long enough that a flood of requests
// while Lago is down costs it one call a second.
const keyRetryDelay = time.Second

// keyFetchTimeout bounds one fetch, which does not run under any one
// request's context: every verification waiting for the key shares it.
const keyFetchTimeout = 30 * time.Second

// keyCache holds the public key fetched from Lago. It fetches lazily, on the
// first JWT to check; runs one fetch at a time, which every concurrent
// verification waits for; and fetches again only when asked to (a
// signature failed against the cached key) and no sooner than interval
// after the last fetch.
type keyCache struct {
	fetch    keySource
	interval time.Duration
	now      func() time.Time

	mu        sync.Mutex
	key       *rsa.PublicKey
	err       error         // the last fetch's error, while key is nil
	fetched   time.Time     // when the last fetch finished, whatever its outcome
	attempted bool          // whether any fetch has finished
	inflight  chan struct{} // closed when the running fetch ends; nil when none runs
}

// get returns the cached key, fetching it if there is none yet.
func (c *keyCache) get(ctx context.Context) (*rsa.PublicKey, error) {
	for {
		c.mu.Lock()
		if c.key != nil {
			key := c.key
			c.mu.Unlock()
			return key, nil
		}
		if c.inflight == nil && c.attempted && c.now().Sub(c.fetched) < keyRetryDelay {
			err := c.err
			c.mu.Unlock()
			return nil, err
		}
		wait := c.startLocked()
		c.mu.Unlock()
		if err := c.await(ctx, wait); err != nil {
			return nil, err
		}
		c.mu.Lock()
		key, err := c.key, c.err
		c.mu.Unlock()
		if key != nil || err != nil {
			return key, err
		}
	}
}

// refresh is called when a signature failed against stale. It returns a
// different key to try, or nil when there is none: the key has not
// changed, or the last fetch is too recent to fetch again.
func (c *keyCache) refresh(ctx context.Context, stale *rsa.PublicKey) *rsa.PublicKey {
	c.mu.Lock()
	if c.key != nil && !c.key.Equal(stale) {
		// Another verification already fetched a new key.
		key := c.key
		c.mu.Unlock()
		return key
	}
	if c.inflight == nil && c.now().Sub(c.fetched) < c.interval {
		c.mu.Unlock()
		return nil
	}
	wait := c.startLocked()
	c.mu.Unlock()
	if c.await(ctx, wait) != nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.key == nil || c.key.Equal(stale) {
		return nil
	}
	return c.key
}

// startLocked starts a fetch unless one is running, and returns the
// channel closed when it ends. The caller holds c.mu.
func (c *keyCache) startLocked() chan struct{} {
	if c.inflight != nil {
		return c.inflight
	}
	done := make(chan struct{})
	c.inflight = done
	go c.run(done)
	return done
}

// run fetches the key and publishes the outcome. A failed fetch keeps a
// key fetched before: Lago being briefly unreachable must not stop
// verification.
func (c *keyCache) run(done chan struct{}) {
	ctx, cancel := context.WithTimeout(context.Background(), keyFetchTimeout)
	defer cancel()
	key, err := c.load(ctx)
	c.mu.Lock()
	defer c.mu.Unlock()
	if err == nil {
		c.key, c.err = key, nil
	} else if c.key == nil {
		c.err = err
	}
	c.fetched = c.now()
	c.attempted = true
	c.inflight = nil
	close(done)
}

func (c *keyCache) load(ctx context.Context) (key *rsa.PublicKey, err error) {
	defer func() {
		// The source is the caller's code; its panic must not take the
		// process down from a goroutine no one can recover.
		if p := recover(); p != nil {
			key, err = nil, fmt.Errorf("%w: the key source panicked", ErrKeyUnavailable)
		}
	}()
	raw, err := c.fetch(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKeyUnavailable, err)
	}
	key, err = parsePublicKey(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKeyUnavailable, err)
	}
	return key, nil
}

// await waits for done or for the caller to give up.
func (c *keyCache) await(ctx context.Context, done chan struct{}) error {
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("%w: %w", ErrKeyUnavailable, ctx.Err())
	}
}
