package lagotest

import (
	"encoding/json"
	"math/big"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/lago"
)

// maxThresholds is Lago's limit of thresholds per alert.
const maxThresholds = 20

// walletAlertTypes are the alert types a wallet takes.
var walletAlertTypes = []gen.WalletAlertType{
	gen.WalletAlertTypeWalletBalanceAmount, gen.WalletAlertTypeWalletCreditsBalance,
	gen.WalletAlertTypeWalletOngoingBalanceAmount, gen.WalletAlertTypeWalletCreditsOngoingBalance,
}

// walletAlert is an alert; a deleted one is kept, hidden, as Lago keeps it.
type walletAlert struct {
	gen.WalletAlert
	deleted bool
}

// alertIn is an alert as sent. It is read more loosely than the generated
// input, as Lago reads it: a threshold value may be a JSON number.
type alertIn struct {
	AlertType  *string               `json:"alert_type"`
	Code       lago.Nullable[string] `json:"code,omitzero"`
	Name       lago.Nullable[string] `json:"name,omitzero"`
	Thresholds *[]thresholdIn        `json:"thresholds"`
}

type thresholdIn struct {
	Value     json.RawMessage `json:"value"`
	Code      *string         `json:"code"`
	Recurring *bool           `json:"recurring"`
}

type alertEnvelope struct {
	Alert gen.WalletAlert `json:"alert"`
}

type alertBatch struct {
	Alerts []gen.WalletAlert `json:"alerts"`
}

type alertPage struct {
	Alerts []gen.WalletAlert  `json:"alerts"`
	Meta   gen.PaginationMeta `json:"meta"`
}

// checkThresholds validates thresholds as Lago does and returns them as
// stored.
func checkThresholds(errs fieldErrors, in []thresholdIn) []gen.WalletAlertThreshold {
	if len(in) == 0 {
		errs.add("thresholds", "value_is_mandatory")
		return nil
	}
	if len(in) > maxThresholds {
		errs.add("thresholds", "too_many_thresholds")
		return nil
	}
	out := make([]gen.WalletAlertThreshold, 0, len(in))
	seen := map[string]bool{}
	recurring := 0
	for _, t := range in {
		value, ok := thresholdValue(t.Value)
		switch {
		case len(t.Value) == 0 || string(t.Value) == "null":
			errs.add("thresholds:value", "value_is_mandatory")
			return nil
		case !ok:
			errs.add("thresholds:value", "value_is_invalid")
			return nil
		}
		rec := t.Recurring != nil && *t.Recurring
		if rec {
			recurring++
			if value.Sign() <= 0 {
				errs.add("thresholds:value", "recurring_value_is_negative")
				return nil
			}
		}
		key := decimalString(value) + "/" + strconv.FormatBool(rec)
		if seen[key] {
			errs.add("thresholds", "duplicate_threshold_values")
			return nil
		}
		seen[key] = true
		out = append(out, gen.WalletAlertThreshold{Code: t.Code, Value: decimalString(value), Recurring: rec})
	}
	if recurring > 1 {
		// A second recurring threshold breaks a unique index, which
		// Lago's error handler reports as an existing alert.
		errs.add("base", "alert_already_exists")
		return nil
	}
	return out
}

// thresholdValue reads a JSON number or numeric string.
func thresholdValue(raw json.RawMessage) (*big.Rat, bool) {
	s := strings.TrimSpace(string(raw))
	if unquoted, err := strconv.Unquote(s); err == nil {
		s = unquoted
	}
	return parseDecimal(s)
}

// previousValue is what an alert of this type watches, as the wallet has
// it now.
func (w *wallet) previousValue(t gen.WalletAlertType) string {
	api := w.api()
	switch t {
	case gen.WalletAlertTypeWalletBalanceAmount:
		return decimalString(new(big.Rat).SetInt64(api.BalanceCents))
	case gen.WalletAlertTypeWalletOngoingBalanceAmount:
		return decimalString(new(big.Rat).SetInt64(api.OngoingBalanceCents))
	case gen.WalletAlertTypeWalletCreditsOngoingBalance:
		return api.CreditsOngoingBalance
	}
	return api.CreditsBalance
}

// newAlert checks one alert to create next to those of the wallet and
// those earlier in a batch, and builds it.
func (s *Server) newAlert(w *wallet, in alertIn, batch []gen.WalletAlert, now func() gen.WalletAlert) (gen.WalletAlert, fieldErrors) {
	errs := fieldErrors{}
	var alertType gen.WalletAlertType
	switch {
	case in.AlertType == nil || *in.AlertType == "":
		errs.add("alert_type", "value_is_mandatory")
		errs.add("alert_type", "value_is_invalid")
	case !slices.Contains(walletAlertTypes, gen.WalletAlertType(*in.AlertType)):
		errs.add("alert_type", "invalid_type")
	default:
		alertType = gen.WalletAlertType(*in.AlertType)
	}
	code, _ := in.Code.Get()
	if code == "" {
		errs.add("code", "value_is_mandatory")
	}
	var thresholds []gen.WalletAlertThreshold
	if in.Thresholds == nil {
		errs.add("thresholds", "value_is_mandatory")
	} else {
		thresholds = checkThresholds(errs, *in.Thresholds)
	}
	if len(errs) > 0 {
		return gen.WalletAlert{}, errs
	}
	taken := slices.ContainsFunc(w.alerts, func(a *walletAlert) bool { return !a.deleted && a.AlertType == alertType }) ||
		slices.ContainsFunc(batch, func(a gen.WalletAlert) bool { return a.AlertType == alertType })
	if taken {
		return gen.WalletAlert{}, fieldErrors{"base": {"alert_already_exists"}}
	}
	a := now()
	a.AlertType, a.Code, a.Name = alertType, code, pointer(in.Name)
	a.PreviousValue = w.previousValue(alertType)
	a.Thresholds = thresholds
	return a, nil
}

// alertTemplate is a new alert of w, its type, code and thresholds still
// to fill in.
func (s *Server) alertTemplate(w *wallet) func() gen.WalletAlert {
	return func() gen.WalletAlert {
		st := s.store
		if st.walletData.orgID == "" {
			st.walletData.orgID = st.ids.new()
		}
		return gen.WalletAlert{
			LagoID: st.ids.new(), LagoOrganizationID: st.walletData.orgID, LagoWalletID: w.LagoID,
			WalletCode: w.Code, Direction: gen.AlertDirectionDecreasing, CreatedAt: s.now(),
		}
	}
}

// createWalletAlert creates one alert from {"alert": ...}, or, from a
// non-empty {"alerts": [...]}, all of them or none. A refused batch keys
// its errors by the index of each refused alert, with the alert as sent
// and Lago's reasons as a string.
func (s *Server) createWalletAlert(c *call) response {
	w, rep, ok := s.nestedWallet(c)
	if !ok {
		return rep
	}
	var body struct {
		Alert  json.RawMessage   `json:"alert"`
		Alerts []json.RawMessage `json:"alerts"`
	}
	if json.Unmarshal(c.body, &body) != nil {
		return badRequest("param is missing or the value is empty or invalid: alert")
	}
	if len(body.Alerts) == 0 {
		var in alertIn
		if json.Unmarshal(body.Alert, &in) != nil {
			return badRequest("param is missing or the value is empty or invalid: alert")
		}
		a, errs := s.newAlert(w, in, nil, s.alertTemplate(w))
		if errs != nil {
			return validationFailed(errs)
		}
		w.alerts = append(w.alerts, &walletAlert{WalletAlert: a})
		return okResponse(alertEnvelope{a})
	}

	type refusal struct {
		Params json.RawMessage `json:"params"`
		Errors string          `json:"errors"`
	}
	refused := map[string]refusal{}
	var created []gen.WalletAlert
	for i, raw := range body.Alerts {
		var in alertIn
		var errs fieldErrors
		var a gen.WalletAlert
		if json.Unmarshal(raw, &in) != nil {
			errs = fieldErrors{"base": {"value_is_invalid"}}
		} else {
			a, errs = s.newAlert(w, in, created, s.alertTemplate(w))
		}
		if errs != nil {
			reasons, _ := json.Marshal(errs)
			refused[strconv.Itoa(i)] = refusal{Params: raw, Errors: "Validation errors: " + string(reasons)}
			continue
		}
		created = append(created, a)
	}
	if len(refused) > 0 {
		return validationFailed(refused)
	}
	for _, a := range created {
		w.alerts = append(w.alerts, &walletAlert{WalletAlert: a})
	}
	return okResponse(alertBatch{Alerts: created})
}

// alertByCode is the first live alert of the wallet with this code; Lago
// does not keep codes unique per wallet.
func (w *wallet) alertByCode(code string) (*walletAlert, bool) {
	for _, a := range w.alerts {
		if !a.deleted && a.Code == code {
			return a, true
		}
	}
	return nil, false
}

func (s *Server) findAlert(c *call) (*wallet, *walletAlert, response, bool) {
	w, rep, ok := s.nestedWallet(c)
	if !ok {
		return nil, nil, rep, false
	}
	a, ok := w.alertByCode(c.path["code"])
	if !ok {
		return nil, nil, notFound(codeAlertNotFound), false
	}
	return w, a, response{}, true
}

func (s *Server) getWalletAlert(c *call) response {
	_, a, rep, ok := s.findAlert(c)
	if !ok {
		return rep
	}
	return okResponse(alertEnvelope{a.WalletAlert})
}

// updateWalletAlert changes code and name when sent, and replaces the
// thresholds with a non-empty list.
func (s *Server) updateWalletAlert(c *call) response {
	_, a, rep, ok := s.findAlert(c)
	if !ok {
		return rep
	}
	var body struct {
		Alert alertIn `json:"alert"`
	}
	if json.Unmarshal(c.body, &body) != nil {
		return badRequest("param is missing or the value is empty or invalid: alert")
	}
	in := body.Alert
	errs := fieldErrors{}
	code, codeOK := in.Code.Get()
	if in.Code.IsSet() && (!codeOK || code == "") {
		errs.add("code", "value_is_mandatory")
	}
	var thresholds []gen.WalletAlertThreshold
	if in.Thresholds != nil && len(*in.Thresholds) > 0 {
		thresholds = checkThresholds(errs, *in.Thresholds)
	}
	if len(errs) > 0 {
		return validationFailed(errs)
	}
	if codeOK {
		a.Code = code
	}
	if in.Name.IsSet() {
		a.Name = pointer(in.Name)
	}
	if thresholds != nil {
		a.Thresholds = thresholds
	}
	return okResponse(alertEnvelope{a.WalletAlert})
}

// deleteWalletAlert hides the alert and drops its thresholds; it answers
// the alert without them.
func (s *Server) deleteWalletAlert(c *call) response {
	_, a, rep, ok := s.findAlert(c)
	if !ok {
		return rep
	}
	a.deleted = true
	a.Thresholds = []gen.WalletAlertThreshold{}
	return okResponse(alertEnvelope{a.WalletAlert})
}

// deleteWalletAlerts deletes every alert of the wallet and answers 200
// with an empty body, as Lago's head :ok does.
func (s *Server) deleteWalletAlerts(c *call) response {
	w, rep, ok := s.nestedWallet(c)
	if !ok {
		return rep
	}
	for _, a := range w.alerts {
		a.deleted = true
		a.Thresholds = []gen.WalletAlertThreshold{}
	}
	return response{status: http.StatusOK}
}

// listWalletAlerts answers the wallet's live alerts, newest first.
func (s *Server) listWalletAlerts(c *call) response {
	w, rep, ok := s.nestedWallet(c)
	if !ok {
		return rep
	}
	items := []gen.WalletAlert{}
	for _, a := range slices.Backward(w.alerts) {
		if !a.deleted {
			items = append(items, a.WalletAlert)
		}
	}
	slices.SortStableFunc(items, func(a, b gen.WalletAlert) int { return b.CreatedAt.Compare(a.CreatedAt) })
	page, meta := paginate(items, pagingOf(c.query))
	return okResponse(alertPage{Alerts: page, Meta: meta})
}
