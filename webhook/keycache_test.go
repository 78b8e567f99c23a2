package webhook

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
)

// source is a key source that counts its calls and serves keys[i] on the
// i-th call (the last one after that), or err.
type source struct {
	calls atomic.Int32
	delay time.Duration
	mu    sync.Mutex
	keys  [][]byte
	err   error
}

func (s *source) fetch(context.Context) ([]byte, error) {
	n := int(s.calls.Add(1))
	time.Sleep(s.delay)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return nil, s.err
	}
	return s.keys[min(n, len(s.keys))-1], nil
}

func (s *source) set(keys [][]byte, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys, s.err = keys, err
}

// lagoServes is what /webhooks/json_public_key holds for key.
func lagoServes(t testing.TB) []byte {
	t.Helper()
	return rubyBase64(pkixPEM(lagoKey()))
}

func fetchingVerifier(t testing.TB, src *source, clk *clock) *Verifier {
	t.Helper()
	v, err := newVerifier(Config{Issuer: testIssuer}, src.fetch, clk.now)
	require.NoError(t, err)
	return v
}

// verifyAll runs n verifications of header at once and returns their
// errors.
func verifyAll(v *Verifier, n int, header http.Header) []error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, errs[i] = v.Verify([]byte(testBody), header)
		})
	}
	wg.Wait()
	return errs
}

func TestKeyFetchedOnceForConcurrentVerifications(t *testing.T) {
	src := &source{keys: [][]byte{lagoServes(t)}, delay: 20 * time.Millisecond}
	v := fetchingVerifier(t, src, newClock())
	assert.Equal(t, int32(0), src.calls.Load(), "fetched before the first JWT")

	for _, err := range verifyAll(v, 100, lagoHeader("jwt", lagoJWT(testBody))) {
		require.NoError(t, err)
	}
	assert.Equal(t, int32(1), src.calls.Load())

	_, err := v.Verify([]byte(testBody), lagoHeader("jwt", lagoJWT(testBody)))
	require.NoError(t, err)
	assert.Equal(t, int32(1), src.calls.Load(), "the cached key is used")
}

func TestForgedFloodRefetchesAtMostOncePerInterval(t *testing.T) {
	src := &source{keys: [][]byte{lagoServes(t)}}
	clk := newClock()
	v := fetchingVerifier(t, src, clk)
	forged := lagoHeader("jwt", signRS256(otherKey(), `{"alg":"RS256"}`, claimsFor(testBody, testIssuer)))

	flood := func() {
		t.Helper()
		for _, err := range verifyAll(v, 100, forged) {
			require.ErrorIs(t, err, ErrInvalidSignature)
			assert.EqualError(t, err, "webhook: invalid signature: JWT signature does not verify")
		}
	}
	flood()
	assert.Equal(t, int32(1), src.calls.Load(), "the first fetch only: the key is fresh")

	clk.advance(DefaultKeyRefreshInterval - time.Second)
	flood()
	assert.Equal(t, int32(1), src.calls.Load(), "within the interval")

	clk.advance(time.Second)
	flood()
	assert.Equal(t, int32(2), src.calls.Load(), "one refetch once the interval has passed")

	clk.advance(DefaultKeyRefreshInterval / 2)
	flood()
	assert.Equal(t, int32(2), src.calls.Load())
}

func TestKeyRefreshIntervalIsConfigurable(t *testing.T) {
	src := &source{keys: [][]byte{lagoServes(t)}}
	clk := newClock()
	v, err := newVerifier(Config{KeyRefreshInterval: time.Minute}, src.fetch, clk.now)
	require.NoError(t, err)
	forged := lagoHeader("jwt", signRS256(otherKey(), `{"alg":"RS256"}`, claimsFor(testBody, testIssuer)))
	verifyAll(v, 10, forged)
	clk.advance(time.Minute)
	verifyAll(v, 10, forged)
	assert.Equal(t, int32(2), src.calls.Load())
}

func TestKeyChangedByLago(t *testing.T) {
	src := &source{keys: [][]byte{lagoServes(t), rubyBase64(pkixPEM(otherKey()))}}
	clk := newClock()
	v := fetchingVerifier(t, src, clk)
	_, err := v.Verify([]byte(testBody), lagoHeader("jwt", lagoJWT(testBody)))
	require.NoError(t, err)

	// Lago now signs with otherKey.
	rotated := lagoHeader("jwt", signRS256(otherKey(), `{"alg":"RS256"}`, claimsFor(testBody, testIssuer)))
	_, err = v.Verify([]byte(testBody), rotated)
	require.ErrorIs(t, err, ErrInvalidSignature, "too soon to fetch again")

	clk.advance(DefaultKeyRefreshInterval)
	_, err = v.Verify([]byte(testBody), rotated)
	require.NoError(t, err)
	assert.Equal(t, int32(2), src.calls.Load())

	// The new key is cached: the old key's tokens fail without a fetch.
	_, err = v.Verify([]byte(testBody), lagoHeader("jwt", lagoJWT(testBody)))
	require.ErrorIs(t, err, ErrInvalidSignature)
	assert.Equal(t, int32(2), src.calls.Load())
}

func TestKeyUnavailable(t *testing.T) {
	down := errors.New("connection refused")
	src := &source{err: down}
	clk := newClock()
	v := fetchingVerifier(t, src, clk)
	jwt := lagoHeader("jwt", lagoJWT(testBody))

	for _, err := range verifyAll(v, 50, jwt) {
		require.ErrorIs(t, err, ErrKeyUnavailable)
		require.ErrorIs(t, err, down)
		assert.NotErrorIs(t, err, ErrInvalidSignature, "not the sender's fault")
	}
	assert.Equal(t, int32(1), src.calls.Load())

	// Lago is back, but a failed fetch is retried a second later, no sooner.
	src.set([][]byte{lagoServes(t)}, nil)
	_, err := v.Verify([]byte(testBody), jwt)
	require.ErrorIs(t, err, ErrKeyUnavailable)
	assert.Equal(t, int32(1), src.calls.Load())

	clk.advance(keyRetryDelay)
	_, err = v.Verify([]byte(testBody), jwt)
	require.NoError(t, err)
	assert.Equal(t, int32(2), src.calls.Load())

	// A malformed token is refused without a key.
	_, err = v.Verify([]byte(testBody), lagoHeader("jwt", "x.y"))
	require.ErrorIs(t, err, ErrInvalidSignature)
}

func TestKeyRefetchFailureKeepsTheKey(t *testing.T) {
	src := &source{keys: [][]byte{lagoServes(t)}}
	clk := newClock()
	v := fetchingVerifier(t, src, clk)
	_, err := v.Verify([]byte(testBody), lagoHeader("jwt", lagoJWT(testBody)))
	require.NoError(t, err)

	src.set(nil, errors.New("down"))
	clk.advance(DefaultKeyRefreshInterval)
	forged := lagoHeader("jwt", signRS256(otherKey(), `{"alg":"RS256"}`, claimsFor(testBody, testIssuer)))
	_, err = v.Verify([]byte(testBody), forged)
	require.ErrorIs(t, err, ErrInvalidSignature)
	_, err = v.Verify([]byte(testBody), lagoHeader("jwt", lagoJWT(testBody)))
	require.NoError(t, err)
	assert.Equal(t, int32(2), src.calls.Load())
}

func TestKeyServedBadly(t *testing.T) {
	for name, fetch := range map[string]keySource{
		"not a key": func(context.Context) ([]byte, error) { return []byte("<html>"), nil },
		"panics":    func(context.Context) ([]byte, error) { panic("boom") },
	} {
		t.Run(name, func(t *testing.T) {
			v, err := newVerifier(Config{}, fetch, newClock().now)
			require.NoError(t, err)
			_, err = v.Verify([]byte(testBody), lagoHeader("jwt", lagoJWT(testBody)))
			require.ErrorIs(t, err, ErrKeyUnavailable)
		})
	}
}

func TestKeyWaitEndsWithTheContext(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	fetch := func(context.Context) ([]byte, error) {
		<-release
		return lagoServes(t), nil
	}
	v, err := newVerifier(Config{}, fetch, newClock().now)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err = v.verify(ctx, []byte(testBody), lagoHeader("jwt", lagoJWT(testBody)))
	require.ErrorIs(t, err, ErrKeyUnavailable)
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

// Given a Client, the verifier fetches the key from /webhooks/json_public_key
// through it, once for 100 concurrent verifications.
func TestNewVerifierFetchesWithTheClient(t *testing.T) {
	var fetches atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != "/api/v1/webhooks/json_public_key" || r.Header.Get("Authorization") != "Bearer key" {
			http.Error(w, `{"status":404,"error":"Not Found"}`, http.StatusNotFound)
			return
		}
		fetches.Add(1)
		time.Sleep(20 * time.Millisecond) // every verification arrives during the fetch
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"webhook": map[string]string{"public_key": string(lagoServes(t))}})
	}))
	defer srv.Close()
	client, err := lago.NewClient("key", lago.WithBaseURL(srv.URL+"/api/v1"))
	require.NoError(t, err)
	v, err := NewVerifier(Config{Client: client})
	require.NoError(t, err)

	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := v.Verify([]byte(testBody), lagoHeader("jwt", lagoJWT(testBody)))
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, int32(1), fetches.Load())

	// A configured key needs no fetch.
	v, err = NewVerifier(Config{Client: client, PublicKey: pkixPEM(lagoKey())})
	require.NoError(t, err)
	_, err = v.Verify([]byte(testBody), lagoHeader("jwt", lagoJWT(testBody)))
	require.NoError(t, err)
	assert.Equal(t, int32(1), fetches.Load())
}
