package lagotest

import (
	"fmt"
	"strings"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/lago"
)

// PaymentProvider is a customer's record at a payment provider, which
// SetPaymentProvider gives a customer as if Lago had created or found it
// there. It is what makes checkout links work.
type PaymentProvider struct {
	// Kind is the provider, e.g. lago.PaymentProviderStripe; required.
	Kind lago.PaymentProvider
	// Code is the code of the provider connection in Lago; optional.
	Code string
	// CustomerID is the customer's id at the provider, e.g. "cus_Q8xY2m";
	// optional.
	CustomerID string
}

// SetPaymentProvider links the live customer with this external id to a
// payment provider, replacing any previous link, as the customer's
// billing_configuration then shows.
func (s *Server) SetPaymentProvider(externalCustomerID string, p PaymentProvider) error {
	if !p.Kind.Valid() {
		return fmt.Errorf("lagotest: SetPaymentProvider: unknown provider %q", p.Kind)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cust, err := s.store.liveCustomer(externalCustomerID)
	if err != nil {
		return err
	}
	in := gen.BillingConfigurationInput{PaymentProvider: lago.Value(p.Kind), ProviderCustomerID: lago.Null[string]()}
	if p.CustomerID != "" {
		in.ProviderCustomerID = lago.Value(p.CustomerID)
	}
	in.PaymentProviderCode = lago.Null[string]()
	if p.Code != "" {
		in.PaymentProviderCode = lago.Value(p.Code)
	}
	bc := &cust.BillingConfiguration
	clearProvider(bc)
	applyBilling(&stringSlab{}, bc, lago.Value(in), false)
	cust.UpdatedAt = s.now()
	return nil
}

// checkoutURL answers a made-up checkout link for a customer linked to a
// payment provider. The link is on the reserved .invalid domain, so
// nothing can ever fetch it.
func (s *Server) checkoutURL(c *call) response {
	cust, ok := s.store.customer(c.customerID())
	if !ok {
		return notFound(codeCustomerNotFound)
	}
	bc := cust.BillingConfiguration
	if bc.PaymentProvider == nil {
		return validationFailed(fieldErrors{"base": {"no_linked_payment_provider"}})
	}
	return okResponse(gen.CheckoutURLEnvelope{Customer: gen.CheckoutURL{
		LagoCustomerID:      cust.LagoID,
		ExternalCustomerID:  cust.ExternalID,
		PaymentProvider:     *bc.PaymentProvider,
		PaymentProviderCode: bc.PaymentProviderCode,
		CheckoutURL:         "https://checkout.lagotest.invalid/" + string(*bc.PaymentProvider) + "/" + token(24),
	}})
}

// portalURL answers a new portal link each time, as Lago signs a new
// token on each call.
func (s *Server) portalURL(c *call) response {
	if _, ok := s.store.customer(c.customerID()); !ok {
		return notFound(codeCustomerNotFound)
	}
	link := strings.TrimSuffix(s.cfg.frontURL, "/") + "/customer-portal/" + token(32)
	return okResponse(gen.PortalURLEnvelope{Customer: gen.PortalURL{PortalURL: link}})
}
