package lagotest

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The list order kept on write must be the order a sort of the live
// customers gives, whatever the clock does: forward, standing still, or
// going back (WithClock lets a test set it anywhere).
func TestListOrderMatchesASortOfTheLiveCustomers(t *testing.T) {
	cfg := defaultConfig()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	st := newStore(&cfg, start)
	rng := rand.New(rand.NewPCG(1, 2))
	now := start
	for step := range 2000 {
		switch r := rng.IntN(10); {
		case r < 6:
			now = now.Add(time.Duration(rng.IntN(3)-1) * time.Second)
			st.newCustomer("c"+strconv.Itoa(step), now)
		case len(st.live) > 0:
			live := st.listed.at(rng.IntN(st.listed.len()))
			live.deleted = true
			delete(st.live, live.ExternalID)
			st.listed.remove(live)
		}
		want := []*customer{}
		for _, c := range st.customers {
			if !c.deleted {
				want = append(want, c)
			}
		}
		slices.SortStableFunc(want, func(a, b *customer) int {
			return newestFirst(a.CreatedAt, b.CreatedAt, a.LagoID, b.LagoID)
		})
		got := make([]*customer, st.listed.len())
		for i := range got {
			got[i] = st.listed.at(i)
		}
		require.True(t, slices.Equal(want, got), "step %d", step)
		require.True(t, slices.Equal(want, slices.Collect(st.listed.all())), "step %d", step)
	}
}

// BenchmarkNewCustomerWithAFixedClock adds b.N customers created in the
// same second, as a test with a fixed clock does: each costs the same,
// however many came before it.
func BenchmarkNewCustomerWithAFixedClock(b *testing.B) {
	cfg := defaultConfig()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	st := newStore(&cfg, now)
	i := 0
	for b.Loop() {
		st.newCustomer("c"+strconv.Itoa(i), now)
		i++
	}
}
