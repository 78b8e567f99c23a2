package webhook

import (
	"context"
	"sync"
)

// Deduplicator remembers which events were handled, by their unique key
// (X-Lago-Unique-Key), so that [Handler] drops a repeated delivery. Pass
// one with [WithDeduplicator]; a database table with a unique index on the
// key is the usual choice, since it survives restarts and is shared by
// every instance of your service.
//
// Lago delivers an event again when your answer is not 200, 201, 202 or
// 204 or takes longer than 30 s (a slow handler can finish after Lago has
// given up on it), and a user can resend a failed event by hand: every
// such delivery carries the same unique key. Without a Deduplicator your
// function must be idempotent.
//
// The unique key is not covered by the signature, and neither signature
// expires: someone who captured one delivery can replay it later with a
// key of their choosing. A Deduplicator drops Lago's own repeats; against
// replays, make what your function does idempotent on the object itself
// (compare its lago_id and updated_at, say).
//
// Handler asks Seen before calling your function and calls Handled after
// it returned nil, so an event whose handling failed is handled again when
// Lago retries. Two deliveries of one event that arrive together may both
// be handled.
type Deduplicator interface {
	// Seen reports whether the event with this unique key was handled.
	Seen(ctx context.Context, key string) (bool, error)
	// Handled records that the event with this unique key was handled.
	Handled(ctx context.Context, key string) error
}

// MemoryDeduplicator is a [Deduplicator] that remembers the last keys it
// was given, up to a bound, in memory. It suits a single instance that may
// forget on restart; it is safe for concurrent use.
type MemoryDeduplicator struct {
	mu   sync.Mutex
	keys map[string]struct{}
	ring []string // the keys in the order they were handled
	next int      // where the next key goes in ring
}

// NewMemoryDeduplicator returns a MemoryDeduplicator that remembers the
// last size keys (at least one). Lago's automatic retries of an event end
// within about two minutes of its first attempt (three attempts of up to
// 30 s, about 3 s and 20 s apart), so the number of events you receive in
// a few minutes is enough to drop them; a resend by hand can come later.
func NewMemoryDeduplicator(size int) *MemoryDeduplicator {
	size = max(size, 1)
	return &MemoryDeduplicator{keys: make(map[string]struct{}, size), ring: make([]string, 0, size)}
}

// Seen reports whether key is among the remembered keys.
func (d *MemoryDeduplicator) Seen(_ context.Context, key string) (bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	_, ok := d.keys[key]
	return ok, nil
}

// Handled remembers key, forgetting the oldest key when full.
func (d *MemoryDeduplicator) Handled(_ context.Context, key string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, ok := d.keys[key]; ok {
		return nil
	}
	if len(d.ring) < cap(d.ring) {
		d.ring = append(d.ring, key)
	} else {
		delete(d.keys, d.ring[d.next])
		d.ring[d.next] = key
		d.next = (d.next + 1) % len(d.ring)
	}
	d.keys[key] = struct{}{}
	return nil
}
