package lago

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"strconv"

	"github.com/lagoclient/lago-go/gen"
)

var (
	walletAlertList = newList(gen.OpGetCustomerWalletAlerts, func(p *gen.GetCustomerWalletAlertsParams) **int64 { return &p.Page })
	// One operation, two responses: {"alert": ...} for one alert, {"alerts":
	// [...]} for a batch.
	opCreateWalletAlert  = newVariant(gen.OpCreateCustomerWalletAlert, "WalletAlertEnvelope")
	opCreateWalletAlerts = newVariant(gen.OpCreateCustomerWalletAlert, "WalletAlertBatchEnvelope")
	opDeleteWalletAlerts = newOperation(gen.OpDeleteAllCustomerWalletAlerts)
	opGetWalletAlert     = newOperation(gen.OpGetCustomerWalletAlert)
	opUpdateWalletAlert  = newOperation(gen.OpUpdateCustomerWalletAlert)
	opDeleteWalletAlert  = newOperation(gen.OpDeleteCustomerWalletAlert)
)

// ListWalletAlertsOptions pages ListWalletAlerts and AllWalletAlerts. The
// zero value of a field sends nothing for it.
type ListWalletAlertsOptions struct {
	// Page is the page to fetch, from 1; 0 lets Lago start at the first.
	Page int
	// PerPage is the page size; 0 lets Lago use its default of 100.
	PerPage int
}

func (o *ListWalletAlertsOptions) params() (*gen.GetCustomerWalletAlertsParams, error) {
	p := &gen.GetCustomerWalletAlertsParams{}
	if o == nil {
		return p, nil
	}
	return p, pageParams(o.Page, o.PerPage, &p.Page, &p.PerPage)
}

// ListWalletAlerts returns one page of the alerts of the active wallet
// with this code, newest first. A nil opts lists the first page.
func (c *Client) ListWalletAlerts(ctx context.Context, externalCustomerID, walletCode string, opts *ListWalletAlertsOptions) (*WalletAlertPage, error) {
	return listPage[WalletAlertPage](ctx, c, walletAlertList, opts, func(ctx context.Context, g *gen.Client, p *gen.GetCustomerWalletAlertsParams) (*http.Response, error) {
		return g.GetCustomerWalletAlerts(ctx, externalCustomerID, walletCode, p)
	}, externalCustomerID, walletCode)
}

// AllWalletAlerts iterates over every alert of the wallet, as AllCustomers
// does over customers, starting at opts.Page. It ends at the first page
// without alerts, whatever meta.next_page says, and goes on after a page
// shorter than PerPage, for the reasons AllCustomers gives. Each range
// starts over from opts.Page; ranges share no state, and opts is never
// changed.
func (c *Client) AllWalletAlerts(ctx context.Context, externalCustomerID, walletCode string, opts *ListWalletAlertsOptions) iter.Seq2[*WalletAlert, error] {
	return listAll[WalletAlert](ctx, c, walletAlertList, opts, func(ctx context.Context, g *gen.Client, p *gen.GetCustomerWalletAlertsParams) (*http.Response, error) {
		return g.GetCustomerWalletAlerts(ctx, externalCustomerID, walletCode, p)
	}, externalCustomerID, walletCode)
}

// CreateWalletAlert creates an alert on the active wallet with this code.
// A wallet has at most one alert of each type (a second is ErrValidation,
// base: alert_already_exists) and an alert at most 20 thresholds. Lago
// does not keep alert codes unique per wallet, so give each alert its own.
// Alerts are only evaluated on a premium licence. The Client sends the
// create again only when the first attempt surely did not reach Lago (a
// refused connection, a 429 or 503); a create you repeat after one that
// did is refused with alert_already_exists.
func (c *Client) CreateWalletAlert(ctx context.Context, externalCustomerID, walletCode string, in WalletAlertInput) (*WalletAlert, error) {
	// The body is one member of the spec's union: encoded directly, it is
	// what the union would carry.
	send := sendJSON(&gen.WalletAlertInputEnvelope{Alert: in}, func(ctx context.Context, g *gen.Client, contentType string, body io.Reader) (*http.Response, error) {
		return g.CreateCustomerWalletAlertWithBody(ctx, externalCustomerID, walletCode, contentType, body)
	})
	env, err := call[gen.WalletAlertEnvelope](ctx, c, opCreateWalletAlert, send, externalCustomerID, walletCode)
	if err != nil {
		return nil, err
	}
	return &env.Alert, nil
}

// CreateWalletAlerts creates several alerts on the wallet at once: all of
// them, or none when any is refused. The error of a refused batch is
// ErrValidation with one entry per refused alert, keyed by its index in
// in; read them with AlertBatchErrors. An empty in is refused before
// sending (Lago would read it as a single alert missing).
func (c *Client) CreateWalletAlerts(ctx context.Context, externalCustomerID, walletCode string, in []WalletAlertInput) ([]WalletAlert, error) {
	if len(in) == 0 {
		return nil, fmt.Errorf("lago: %s: %w: no alerts to create", opCreateWalletAlerts, ErrInvalidArgument)
	}
	send := sendJSON(&gen.WalletAlertBatchInputEnvelope{Alerts: in}, func(ctx context.Context, g *gen.Client, contentType string, body io.Reader) (*http.Response, error) {
		return g.CreateCustomerWalletAlertWithBody(ctx, externalCustomerID, walletCode, contentType, body)
	})
	env, err := call[gen.WalletAlertBatchEnvelope](ctx, c, opCreateWalletAlerts, send, externalCustomerID, walletCode)
	if err != nil {
		return nil, err
	}
	return env.Alerts, nil
}

// AlertBatchErrors reads the refusal of CreateWalletAlerts: for each
// refused alert, by its index in the batch, Lago's reasons as a JSON
// object of field to codes, e.g. {"base":["alert_already_exists"]}. It
// returns nil for any other error.
func AlertBatchErrors(err error) map[int]json.RawMessage {
	var lerr *Error
	if !errors.As(err, &lerr) || lerr.StatusCode != http.StatusUnprocessableEntity || lerr.OperationID != opCreateWalletAlerts.id {
		return nil
	}
	var body struct {
		ErrorDetails map[string]struct {
			Errors string `json:"errors"`
		} `json:"error_details"`
	}
	if json.Unmarshal(lerr.Body, &body) != nil {
		return nil
	}
	const prefix = "Validation errors: "
	out := map[int]json.RawMessage{}
	for key, entry := range body.ErrorDetails {
		i, err := strconv.Atoi(key)
		if err != nil || len(entry.Errors) < len(prefix) || entry.Errors[:len(prefix)] != prefix || !json.Valid([]byte(entry.Errors[len(prefix):])) {
			continue
		}
		out[i] = json.RawMessage(entry.Errors[len(prefix):])
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// GetWalletAlert returns the alert with this code on the active wallet
// with walletCode. Two alerts of different types may share a code, and
// Lago then answers one of them.
func (c *Client) GetWalletAlert(ctx context.Context, externalCustomerID, walletCode, code string) (*WalletAlert, error) {
	send := func(ctx context.Context, g *gen.Client) (*http.Response, error) {
		return g.GetCustomerWalletAlert(ctx, externalCustomerID, walletCode, code)
	}
	return alertOf(call[gen.WalletAlertEnvelope](ctx, c, opGetWalletAlert, send, externalCustomerID, walletCode, code))
}

// UpdateWalletAlert changes the alert: Code and Name when set, and every
// threshold when Thresholds is set to a non-empty list. An empty list, like
// an absent one, keeps the thresholds. The alert type cannot change.
func (c *Client) UpdateWalletAlert(ctx context.Context, externalCustomerID, walletCode, code string, in WalletAlertUpdateInput) (*WalletAlert, error) {
	send := sendJSON(&gen.WalletAlertUpdateInputEnvelope{Alert: in}, func(ctx context.Context, g *gen.Client, contentType string, body io.Reader) (*http.Response, error) {
		return g.UpdateCustomerWalletAlertWithBody(ctx, externalCustomerID, walletCode, code, contentType, body)
	})
	return alertOf(call[gen.WalletAlertEnvelope](ctx, c, opUpdateWalletAlert, send, externalCustomerID, walletCode, code))
}

// DeleteWalletAlert deletes the alert and returns it, without thresholds.
// Deleting it again is an ErrNotFound error (alert_not_found), so a
// retried delete whose first attempt reached Lago fails that way.
func (c *Client) DeleteWalletAlert(ctx context.Context, externalCustomerID, walletCode, code string) (*WalletAlert, error) {
	send := func(ctx context.Context, g *gen.Client) (*http.Response, error) {
		return g.DeleteCustomerWalletAlert(ctx, externalCustomerID, walletCode, code)
	}
	return alertOf(call[gen.WalletAlertEnvelope](ctx, c, opDeleteWalletAlert, send, externalCustomerID, walletCode, code))
}

// DeleteWalletAlerts deletes every alert of the wallet. Lago answers with
// an empty body, also when there was nothing to delete, so there is
// nothing to return but the error. A 2xx response that carries a body (Lago's
// error body under a 200, a proxy's page) is not that response, and is an
// error matching ErrBadResponse: the alerts may still be there.
func (c *Client) DeleteWalletAlerts(ctx context.Context, externalCustomerID, walletCode string) error {
	send := func(ctx context.Context, g *gen.Client) (*http.Response, error) {
		return g.DeleteAllCustomerWalletAlerts(ctx, externalCustomerID, walletCode)
	}
	return callEmptyResponse(ctx, c, opDeleteWalletAlerts, send, externalCustomerID, walletCode)
}

func alertOf(env *gen.WalletAlertEnvelope, err error) (*WalletAlert, error) {
	if err != nil {
		return nil, err
	}
	return &env.Alert, nil
}
