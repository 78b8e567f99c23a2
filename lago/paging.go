package lago

import (
	"fmt"
	"strings"
)

// nextPage reads the page after the one requested (0 meaning the first)
// from meta, and returns 0 when there is none. A next_page that does not
// move forward would loop for ever, so it is an error.
func nextPage(op *operation, requested int, meta PaginationMeta) (int, error) {
	if meta.NextPage == nil {
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

func optionalString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
