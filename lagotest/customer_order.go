package lagotest

import (
	"iter"
	"slices"
	"sort"
	"strings"
)

// listOrder keeps the live customers in the order Lago lists them: by
// created_at, newest first, then by lago_id. It is updated on every create
// and delete, so that a page of the list is read from it rather than from
// a sort of the whole store.
//
// It holds them by created_at and lago_id both ascending, in runs of one
// created_at each (lagotest's times are whole seconds, so a run is one
// second's customers), and reads the runs from the last to the first,
// each from its start. A new customer is created at the clock's time with
// a lago_id above every other (ids ascend with creation), so with a clock
// that moves forward or stands still it is appended: a test that creates
// many customers with a fixed clock, or within one second, pays no more
// for the thousandth than for the first. A customer created earlier than
// others (a seed with its own created_at) is inserted where it belongs.
type listOrder struct {
	// byTime is the customers by created_at, then lago_id, ascending.
	byTime []*customer
	// runs holds where each run of one created_at starts in byTime,
	// ascending; runs[0] is 0 when there are customers.
	runs []int
}

// ascending orders customers by created_at, then lago_id.
func ascending(a, b *customer) int {
	if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
		return c
	}
	return strings.Compare(a.LagoID, b.LagoID)
}

// run returns the index in o.runs of the run of customers created at c's
// time, and whether there is one; else where it would go.
func (o *listOrder) run(c *customer) (int, bool) {
	return slices.BinarySearchFunc(o.runs, c, func(start int, target *customer) int {
		return o.byTime[start].CreatedAt.Compare(target.CreatedAt)
	})
}

func (o *listOrder) add(c *customer) {
	i, _ := slices.BinarySearchFunc(o.byTime, c, ascending)
	r, found := o.run(c)
	o.byTime = slices.Insert(o.byTime, i, c)
	if !found {
		o.runs = slices.Insert(o.runs, r, i)
	}
	for k := r + 1; k < len(o.runs); k++ {
		o.runs[k]++
	}
}

func (o *listOrder) remove(c *customer) {
	i, ok := slices.BinarySearchFunc(o.byTime, c, ascending)
	if !ok {
		return
	}
	r, _ := o.run(c)
	o.byTime = slices.Delete(o.byTime, i, i+1)
	for k := r + 1; k < len(o.runs); k++ {
		o.runs[k]--
	}
	if o.runEnd(r) == o.runs[r] { // the run is empty now
		o.runs = slices.Delete(o.runs, r, r+1)
	}
}

// runEnd is where run r ends in o.byTime.
func (o *listOrder) runEnd(r int) int {
	if r+1 < len(o.runs) {
		return o.runs[r+1]
	}
	return len(o.byTime)
}

// len is how many customers are listed.
func (o *listOrder) len() int { return len(o.byTime) }

// at is the customer at position i of the list, from 0.
func (o *listOrder) at(i int) *customer {
	// The runs after r hold len - runs[r+1] customers, listed before
	// run r's: r is the last run that starts before len - i.
	n := len(o.byTime)
	r := sort.SearchInts(o.runs, n-i) - 1
	return o.byTime[o.runs[r]+i-(n-o.runEnd(r))]
}

// all yields the customers in list order.
func (o *listOrder) all() iter.Seq[*customer] {
	return func(yield func(*customer) bool) {
		for r := len(o.runs) - 1; r >= 0; r-- {
			for _, c := range o.byTime[o.runs[r]:o.runEnd(r)] {
				if !yield(c) {
					return
				}
			}
		}
	}
}
