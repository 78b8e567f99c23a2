package lagotest

import (
	"slices"
	"time"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/lago"
)

const codePaymentMethodNotFound = "payment_method_not_found"

// paymentMethod is a customer's payment method; a deleted one is kept,
// hidden, as Lago soft-deletes them.
type paymentMethod struct {
	gen.PaymentMethod
	deleted bool
}

// AddPaymentMethod gives the live customer with this external id a
// payment method, as a payment provider's webhook would, and returns it.
// Zero fields are filled in: the id, a provider method id and creation
// time now. A method added with IsDefault becomes the only default one.
func (s *Server) AddPaymentMethod(externalCustomerID string, pm lago.PaymentMethod) (lago.PaymentMethod, error) {
	return seed(s, externalCustomerID, pm, func(st *store, cust *customer, pm *gen.PaymentMethod, now time.Time) error {
		st.orNew(&pm.LagoID)
		orValue(&pm.ProviderMethodID, "pm_"+randomHex(8))
		orValue(&pm.CreatedAt, now)
		if pm.IsDefault {
			cust.clearDefault()
		}
		cust.paymentMethods = append(cust.paymentMethods, &paymentMethod{PaymentMethod: *pm})
		return nil
	})
}

func (c *customer) clearDefault() {
	for _, m := range c.paymentMethods {
		m.IsDefault = false
	}
}

// livePaymentMethod finds one of the customer's payment methods that is
// not deleted.
func (c *customer) livePaymentMethod(id string) (*paymentMethod, bool) {
	i := slices.IndexFunc(c.paymentMethods, func(m *paymentMethod) bool { return !m.deleted && m.LagoID == id })
	if i < 0 {
		return nil, false
	}
	return c.paymentMethods[i], true
}

// listPaymentMethods answers one page of the customer's payment methods,
// newest first, deleted ones left out.
func (s *Server) listPaymentMethods(c *call) response {
	cust, ok := s.store.customer(c.customerID())
	if !ok {
		return notFound(codeCustomerNotFound)
	}
	matched := []gen.PaymentMethod{}
	for _, m := range slices.Backward(cust.paymentMethods) {
		if !m.deleted {
			matched = append(matched, m.PaymentMethod)
		}
	}
	slices.SortStableFunc(matched, func(a, b gen.PaymentMethod) int { return b.CreatedAt.Compare(a.CreatedAt) })
	page, meta := paginate(matched, pagingOf(c.query))
	return okResponse(gen.PaymentMethodPage{PaymentMethods: page, Meta: meta})
}

// setDefaultPaymentMethod makes the method the customer's only default;
// one already default is answered unchanged.
func (s *Server) setDefaultPaymentMethod(c *call) response {
	return s.onPaymentMethod(c, func(cust *customer, m *paymentMethod) {
		if !m.IsDefault {
			cust.clearDefault()
			m.IsDefault = true
		}
	})
}

// deletePaymentMethod soft-deletes the method: it is answered no longer
// default, no other method becomes the default, and deleting it again is
// answered 404.
func (s *Server) deletePaymentMethod(c *call) response {
	return s.onPaymentMethod(c, func(_ *customer, m *paymentMethod) {
		m.deleted, m.IsDefault = true, false
	})
}

// onPaymentMethod finds the live payment method the path names among the
// live customer's, changes it and answers it; either missing is a 404.
func (s *Server) onPaymentMethod(c *call, change func(*customer, *paymentMethod)) response {
	cust, ok := s.store.customer(c.customerID())
	if !ok {
		return notFound(codeCustomerNotFound)
	}
	m, ok := cust.livePaymentMethod(c.path["payment_method_id"])
	if !ok {
		return notFound(codePaymentMethodNotFound)
	}
	change(cust, m)
	return okResponse(gen.PaymentMethodEnvelope{PaymentMethod: m.PaymentMethod})
}
