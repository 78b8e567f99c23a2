package webhook

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMemoryDeduplicatorForgetsTheOldest(t *testing.T) {
	ctx := context.Background()
	d := NewMemoryDeduplicator(3)
	seen := func(key string) bool {
		t.Helper()
		ok, err := d.Seen(ctx, key)
		require.NoError(t, err)
		return ok
	}
	assert.False(t, seen("a"))
	for _, k := range []string{"a", "b", "c", "a"} {
		require.NoError(t, d.Handled(ctx, k))
	}
	assert.True(t, seen("a"))
	assert.True(t, seen("b"))
	assert.True(t, seen("c"))

	require.NoError(t, d.Handled(ctx, "d"))
	assert.False(t, seen("a"), "the oldest is forgotten")
	assert.True(t, seen("d"))
	require.NoError(t, d.Handled(ctx, "e"))
	assert.False(t, seen("b"))
	assert.Len(t, d.keys, 3)
	assert.Len(t, d.ring, 3)
}

func TestMemoryDeduplicatorBoundUnderConcurrency(t *testing.T) {
	ctx := context.Background()
	d := NewMemoryDeduplicator(0)
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() {
			key := fmt.Sprint(i)
			_, _ = d.Seen(ctx, key)
			_ = d.Handled(ctx, key)
		})
	}
	wg.Wait()
	assert.Len(t, d.keys, 1, "a size below one means one")
}
