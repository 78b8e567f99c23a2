package lago

import (
	"context"
	"fmt"
	"iter"
	"strings"
)

// listPage fetches one page of a list. Its optsErr is what checking the
// caller's options found; nothing is sent when it is not nil.
func listPage[P any](ctx context.Context, c *Client, op *operation, optsErr error, send sender, pathArgs ...string) (*P, error) {
	if optsErr != nil {
		return nil, fmt.Errorf("lago: %s: %w", op, optsErr)
	}
	return call[P](ctx, c, op, send, pathArgs...)
}

// walk iterates over every item of a paged list, fetching page after page
// as the loop goes on, following meta.next_page. Its page is the page field
// of the generated parameters that send sends: it starts as the caller's
// options set it (nil lets Lago start at the first page), and walk sets it
// to each next page in turn. Memory holds one decoded page at a time, decoded item by item as
// it arrives (see pageStream). On the first error walk yields (nil, err)
// and stops; optsErr, when not nil, is that error before anything is sent.
// A yielded item stays valid after the loop moves on.
func walk[T any](ctx context.Context, c *Client, op *operation, optsErr error, page **int64, send sender, pathArgs ...string) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		if optsErr != nil {
			yield(nil, fmt.Errorf("lago: %s: %w", op, optsErr))
			return
		}
		var stream pageStream[T]
		for {
			got, err := exchange(ctx, c, op, send, pathArgs, stream.decode)
			if err != nil {
				yield(nil, err)
				return
			}
			for i := range got.items {
				if !yield(&got.items[i], nil) {
					return
				}
			}
			requested := 0
			if *page != nil {
				requested = int(**page)
			}
			next, err := nextPage(op, requested, got.meta)
			if err != nil {
				yield(nil, err)
				return
			}
			if next == 0 {
				return
			}
			*page = optionalInt(next)
		}
	}
}

// nextPage reads the page after the one requested (0 meaning the first)
// from meta, and returns 0 when there is none: next_page null, or 0 as
// some proxies and fixtures send it. A next_page that does not move
// forward would loop for ever, so it is an error.
func nextPage(op *operation, requested int, meta PaginationMeta) (int, error) {
	if meta.NextPage == nil || *meta.NextPage == 0 {
		return 0, nil
	}
	current := max(requested, 1)
	if *meta.NextPage <= int64(current) {
		return 0, fmt.Errorf("lago: %s: %w: next_page %d does not follow page %d", op, ErrBadResponse, *meta.NextPage, current)
	}
	return int(*meta.NextPage), nil
}

func checkPaging(page, perPage int) error {
	if page < 0 || perPage < 0 {
		return fmt.Errorf("%w: page and per_page must not be negative", ErrInvalidArgument)
	}
	return nil
}

// checkMetadataKey refuses keys that Rails cannot read back out of
// metadata[<key>]=<value>.
func checkMetadataKey(k string) error {
	if k == "" || strings.ContainsAny(k, "[]") {
		return fmt.Errorf("%w: metadata filter key %q must be non-empty and free of brackets", ErrInvalidArgument, k)
	}
	return nil
}

func optionalInt(n int) *int64 {
	if n == 0 {
		return nil
	}
	v := int64(n)
	return &v
}

// optionalString is nil for "", so that an unset string or enum option
// sends nothing.
func optionalString[S ~string](s S) *S {
	if s == "" {
		return nil
	}
	return &s
}
