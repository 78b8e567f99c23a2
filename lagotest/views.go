package lagotest

import "github.com/lagoclient/lago-go/gen"

// customerDetail is a customer as the one-customer answers show it. They
// carry applicable_invoice_custom_sections and error_details even when
// empty, which the omitempty tags of gen.Customer would drop: these
// fields, shallower than the embedded ones, win in encoding/json.
type customerDetail struct {
	gen.Customer
	ApplicableInvoiceCustomSections []gen.InvoiceCustomSection `json:"applicable_invoice_custom_sections"`
	ErrorDetails                    []gen.CustomerErrorDetail  `json:"error_details"`
}

type customerEnvelope struct {
	Customer customerDetail `json:"customer"`
}

// detail is the customer as GET, DELETE and POST answer it.
func (st *store) detail(c *customer) customerDetail {
	sections := []gen.InvoiceCustomSection{}
	if !c.SkipInvoiceCustomSections {
		for _, code := range c.sectionCodes {
			sections = append(sections, st.sections[code])
		}
	}
	return customerDetail{
		Customer:                        c.listItem(),
		ApplicableInvoiceCustomSections: sections,
		ErrorDetails:                    []gen.CustomerErrorDetail{},
	}
}

// listItem is the customer as a list page shows it, without the two
// fields only one-customer answers carry. The copy shares slices with the
// stored customer, so it must be encoded under the lock.
func (c *customer) listItem() gen.Customer {
	out := c.Customer
	out.ApplicableInvoiceCustomSections = nil
	out.ErrorDetails = nil
	bc := &out.BillingConfiguration
	// Provider details come from the provider customer, which exists only
	// with a provider; sync is an input flag Lago never sends back.
	if bc.PaymentProvider == nil {
		clearProvider(bc)
	}
	bc.Sync = nil
	return out
}
