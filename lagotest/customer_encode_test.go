package lagotest

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/gen"
)

// The customer responses must be the bytes json.Marshal writes, whatever the
// customer holds.
func TestCustomerResponseMatchesEncodingJSON(t *testing.T) {
	name, term := "Zoë <&> \u2028", int64(30)
	provider := gen.PaymentProviderStripe
	full := gen.Customer{
		LagoID: "1a901a90-1a90-1a90-1a90-1a901a901a90", ExternalID: "acme", Name: &name, NetPaymentTerm: &term,
		AccountType: gen.AccountTypeCustomer, CreatedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		UpdatedAt:            time.Date(2026, 1, 2, 3, 4, 5, 600, time.FixedZone("", 3600)),
		BillingConfiguration: gen.BillingConfiguration{PaymentProvider: &provider, ProviderPaymentMethods: []gen.ProviderPaymentMethod{"card"}},
		Metadata:             []gen.CustomerMetadata{{Key: "k", Value: "v", DisplayInInvoice: true}},
		Taxes:                []gen.Tax{{Code: "vat", Name: "VAT", Rate: 20.5}},
		// Hidden by customerDetail's own fields: never written.
		ApplicableInvoiceCustomSections: []gen.InvoiceCustomSection{{Code: "hidden"}},
		ErrorDetails:                    []gen.CustomerErrorDetail{{ErrorCode: "hidden"}},
	}
	tests := []struct {
		name string
		d    customerDetail
	}{
		{name: "zero", d: customerDetail{}},
		{name: "empty lists", d: customerDetail{ApplicableInvoiceCustomSections: []gen.InvoiceCustomSection{}, ErrorDetails: []gen.CustomerErrorDetail{}}},
		{name: "full", d: customerDetail{Customer: full, ApplicableInvoiceCustomSections: []gen.InvoiceCustomSection{}, ErrorDetails: []gen.CustomerErrorDetail{}}},
		{name: "sections and details", d: customerDetail{
			Customer:                        full,
			ApplicableInvoiceCustomSections: []gen.InvoiceCustomSection{{Code: "s", Name: "S <b>"}},
			ErrorDetails:                    []gen.CustomerErrorDetail{{ErrorCode: "e", Details: map[string]any{"x": 1.5}}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := json.Marshal(customerEnvelope{tt.d})
			require.NoError(t, err)
			got, ok := appendCustomerEnvelope(nil, tt.d)
			require.True(t, ok)
			assert.Equal(t, string(want), string(got))
			rep := customerResponse(tt.d)
			assert.Equal(t, 200, rep.status)
			assert.Equal(t, string(want), string(rep.body))
		})
	}
}
