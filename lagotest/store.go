package lagotest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/lagoclient/lago-go/gen"
)

// store is the organization's data, guarded by Server.mu.
type store struct {
	ids *ids
	// slugPrefix is the organization's document prefix, e.g. "LAG-7F3A".
	slugPrefix string
	// lastSequentialID counts customers ever created, deleted ones too.
	lastSequentialID int64
	// customers holds every customer in creation order, deleted ones too.
	customers []*customer
	// live finds the customer that an external_id names now.
	live map[string]*customer
	// listed holds the live customers in the order GET /customers
	// lists them (see listOrder).
	listed   listOrder
	entities []string
	taxes    map[string]gen.Tax
	sections map[string]gen.InvoiceCustomSection
	// couponIDs gives each coupon code the same lago_coupon_id.
	couponIDs map[string]string
	// walletData is what wallets need beside the customers.
	walletData walletData
}

func newStore(cfg *config, now time.Time) *store {
	st := &store{
		ids:        newIDs(time.Now()),
		slugPrefix: "LAG-" + strings.ToUpper(randomHex(2)),
		live:       map[string]*customer{},
		entities:   cfg.billingEntities,
		taxes:      map[string]gen.Tax{},
		sections:   map[string]gen.InvoiceCustomSection{},
		couponIDs:  map[string]string{},
	}
	zero := int64(0)
	for _, t := range cfg.taxes {
		if t.LagoID == "" {
			t.LagoID = st.ids.new()
		}
		if t.CreatedAt.IsZero() {
			t.CreatedAt = now
		}
		t.AddOnsCount, t.CustomersCount, t.PlansCount, t.ChargesCount, t.CommitmentsCount = &zero, &zero, &zero, &zero, &zero
		t.AppliedToBillingEntitiesCodes = taxEntities(t)
		st.taxes[t.Code] = t
	}
	for _, sec := range cfg.sections {
		if sec.LagoID == "" {
			sec.LagoID = st.ids.new()
		}
		// Only these keys: Lago sends neither applied_to_organization nor
		// created_at on a customer's sections.
		st.sections[sec.Code] = gen.InvoiceCustomSection{
			LagoID: sec.LagoID, Name: sec.Name, Code: sec.Code, Description: sec.Description,
			Details: sec.Details, DisplayName: sec.DisplayName, OrganizationID: sec.OrganizationID,
		}
	}
	return st
}

// taxEntities is what Lago sends as a tax's applied_to_billing_entities_codes:
// always a list, sorted.
func taxEntities(t gen.Tax) []string {
	codes := slices.Clone(t.AppliedToBillingEntitiesCodes)
	if codes == nil {
		codes = []string{}
	}
	slices.Sort(codes)
	return codes
}

func (st *store) hasEntity(code string) bool {
	return slices.Contains(st.entities, code)
}

// clone deep-copies what a helper was given, so that the caller changing
// it afterwards cannot reach into the server. The values are API types,
// which survive a JSON round trip unless they hold something JSON cannot
// carry, such as a json.Number that is not a number.
func clone[T any](v T) (T, error) {
	var out T
	b, err := json.Marshal(v)
	if err == nil {
		err = json.Unmarshal(b, &out)
	}
	if err != nil {
		return out, fmt.Errorf("lagotest: %T cannot be sent as JSON: %w", v, err)
	}
	return out, nil
}

func (st *store) knownEntities(codes []string) int {
	n := 0
	for _, e := range st.entities {
		if slices.Contains(codes, e) {
			n++
		}
	}
	return n
}

// entitiesMissing reports whether billing_entity_codes[] names a billing
// entity the organization lacks. Lago compares counts, so a repeated code
// counts as unknown unless dedupe says the endpoint removes repeats first.
func (st *store) entitiesMissing(codes []string, dedupe bool) bool {
	if dedupe {
		codes = slices.Compact(slices.Sorted(slices.Values(codes)))
	}
	return len(codes) > 0 && st.knownEntities(codes) != len(codes)
}
