package lagotest

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/lagoclient/lago-go/gen"
)

// Lago's limits on customers.
const (
	maxNameLength = 255
	maxMetadata   = 5
)

// validateCustomer checks the fields Lago's customer model validates, and
// reports every problem at once with Lago's codes, as its 422 does.
func validateCustomer(in *gen.CustomerInput) fieldErrors {
	errs := fieldErrors{}
	if in.ExternalID == "" {
		errs.add("external_id", "value_is_mandatory")
	}
	if v, ok := in.Currency.Get(); ok && !isIn(currencyCodes, v) {
		errs.add("currency", "value_is_invalid")
	}
	if v, ok := in.Country.Get(); ok && !isIn(countryCodes, strings.ToUpper(v)) {
		errs.add("country", "not_a_valid_country_code")
	}
	if addr, ok := in.ShippingAddress.Get(); ok {
		if v, ok := addr.Country.Get(); ok && !isIn(countryCodes, strings.ToUpper(v)) {
			errs.add("shipping_country", "not_a_valid_country_code")
		}
	}
	if v, ok := in.Email.Get(); ok && !validEmails(v) {
		errs.add("email", "invalid_email_format")
	}
	if v, ok := in.Name.Get(); ok && utf8.RuneCountInString(v) > maxNameLength {
		errs.add("name", "value_is_too_long")
	}
	if v, ok := in.NetPaymentTerm.Get(); ok && v < 0 {
		errs.add("net_payment_term", "value_is_out_of_range")
	}
	if bc, ok := in.BillingConfiguration.Get(); ok {
		if v, ok := bc.InvoiceGracePeriod.Get(); ok && v < 0 {
			errs.add("invoice_grace_period", "value_is_out_of_range")
		}
	}
	if v, ok := in.Timezone.Get(); ok && !isIn(timezoneNames, v) {
		errs.add("timezone", "invalid_timezone")
	}
	if v, ok := in.FinalizeZeroAmountInvoice.Get(); ok && !v.Valid() {
		errs.add("finalize_zero_amount_invoice", "invalid_value")
	}
	return errs
}

var emailAddress = regexp.MustCompile(`^[^@\s]+@[^@\s]+$`)

// validEmails accepts what Lago does: empty, or one or more addresses
// separated by commas, whose local part may hold any non-space character.
func validEmails(s string) bool {
	if s == "" {
		return true
	}
	for part := range strings.SplitSeq(s, ",") {
		if !emailAddress.MatchString(strings.TrimSpace(part)) {
			return false
		}
	}
	return true
}
