package main

import (
	"context"
	"fmt"

	"github.com/lagoclient/lago-go/lago"
)

// remoteWalletSteps run every wallet operation on the throw-away customer
// of a -write run: a wallet with no credits (so nothing is billed), its
// metadata and an alert, then its termination. Wallet alerts are a premium
// feature of Lago: on a plan without it those steps fail with 403.
func remoteWalletSteps(ctx context.Context, r *report, client *lago.Client, customer string) {
	const code = "lago_go_demo"
	r.step("CreateWallet", "POST /customers/{external_customer_id}/wallets", func() (string, error) {
		w, err := client.CreateWallet(ctx, customer, lago.WalletInput{
			RateAmount: "1.0", Code: lago.Value(code), Name: lago.Value("lago-go demo (no credits)"), Currency: lago.Value("EUR"),
		})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("created %s in %s with %s credits", deref(w.Code), w.Currency, w.CreditsBalance), nil
	})
	r.step("GetWallet", "GET /customers/{external_customer_id}/wallets/{code}", func() (string, error) {
		w, err := client.GetWallet(ctx, customer, code)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%s is %s", deref(w.Code), w.Status), nil
	})
	r.step("UpdateWallet", "PUT /customers/{external_customer_id}/wallets/{code}", func() (string, error) {
		w, err := client.UpdateWallet(ctx, customer, code, lago.WalletUpdateInput{Name: lago.Value("lago-go demo (renamed)")})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("renamed to %v", deref(w.Name)), nil
	})
	metadata := []struct {
		method, endpoint string
		call             func() (lago.WalletMetadata, error)
	}{
		{"ReplaceWalletMetadata", "POST /customers/{external_customer_id}/wallets/{wallet_code}/metadata", func() (lago.WalletMetadata, error) {
			return client.ReplaceWalletMetadata(ctx, customer, code, lago.WalletMetadata{"source": lago.Ptr("lago-go demo")})
		}},
		{"MergeWalletMetadata", "PATCH /customers/{external_customer_id}/wallets/{wallet_code}/metadata", func() (lago.WalletMetadata, error) {
			return client.MergeWalletMetadata(ctx, customer, code, lago.WalletMetadata{"note": nil})
		}},
		{"DeleteWalletMetadataKey", "DELETE /customers/{external_customer_id}/wallets/{wallet_code}/metadata/{key}", func() (lago.WalletMetadata, error) {
			return client.DeleteWalletMetadataKey(ctx, customer, code, "note")
		}},
		{"DeleteWalletMetadata", "DELETE /customers/{external_customer_id}/wallets/{wallet_code}/metadata", func() (lago.WalletMetadata, error) {
			return client.DeleteWalletMetadata(ctx, customer, code)
		}},
	}
	for _, m := range metadata {
		r.step(m.method, m.endpoint, func() (string, error) {
			md, err := m.call()
			if err != nil {
				return "", err
			}
			return plural(len(md), "key", "keys"), nil
		})
	}
	const alert = "lago_go_demo_low"
	r.step("CreateWalletAlert", "POST /customers/{external_customer_id}/wallets/{wallet_code}/alerts", func() (string, error) {
		a, err := client.CreateWalletAlert(ctx, customer, code, lago.WalletAlertInput{
			AlertType: lago.WalletAlertTypeWalletCreditsBalance, Code: alert,
			Thresholds: []lago.WalletAlertThresholdInput{{Value: "1"}},
		})
		if err != nil {
			return "", err
		}
		return "created " + a.Code, nil
	})
	r.step("ListWalletAlerts", "GET /customers/{external_customer_id}/wallets/{wallet_code}/alerts", func() (string, error) {
		page, err := client.ListWalletAlerts(ctx, customer, code, nil)
		if err != nil {
			return "", err
		}
		return plural(len(page.Alerts), "alert", "alerts"), nil
	})
	r.step("GetWalletAlert", "GET /customers/{external_customer_id}/wallets/{wallet_code}/alerts/{code}", func() (string, error) {
		a, err := client.GetWalletAlert(ctx, customer, code, alert)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%s watches %s", a.Code, a.AlertType), nil
	})
	r.step("UpdateWalletAlert", "PUT /customers/{external_customer_id}/wallets/{wallet_code}/alerts/{code}", func() (string, error) {
		a, err := client.UpdateWalletAlert(ctx, customer, code, alert, lago.WalletAlertUpdateInput{
			Thresholds: lago.Value([]lago.WalletAlertThresholdInput{{Value: "2"}}),
		})
		if err != nil {
			return "", err
		}
		return plural(len(a.Thresholds), "threshold", "thresholds"), nil
	})
	r.step("DeleteWalletAlert", "DELETE /customers/{external_customer_id}/wallets/{wallet_code}/alerts/{code}", func() (string, error) {
		a, err := client.DeleteWalletAlert(ctx, customer, code, alert)
		if err != nil {
			return "", err
		}
		return "deleted " + a.Code, nil
	})
	r.step("DeleteWalletAlerts", "DELETE /customers/{external_customer_id}/wallets/{wallet_code}/alerts", func() (string, error) {
		return "no alerts left", client.DeleteWalletAlerts(ctx, customer, code)
	})
	r.step("TerminateWallet", "DELETE /customers/{external_customer_id}/wallets/{code}", func() (string, error) {
		w, err := client.TerminateWallet(ctx, customer, code)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%s is %s", deref(w.Code), w.Status), nil
	})
}
