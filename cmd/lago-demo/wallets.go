package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

// walletMethods are the client methods of the fifteen wallet, wallet
// metadata and wallet alert operations, one per operation.
var walletMethods = []string{
	"CreateWallet", "GetWallet", "ListWallets", "UpdateWallet", "TerminateWallet",
	"ReplaceWalletMetadata", "MergeWalletMetadata", "DeleteWalletMetadataKey", "DeleteWalletMetadata",
	"CreateWalletAlert", "ListWalletAlerts", "GetWalletAlert", "UpdateWalletAlert",
	"DeleteWalletAlert", "DeleteWalletAlerts",
}

// walletExtras are the wallet methods that share an operation with one
// above: the batch alert create and the update that keeps restrictions.
var walletExtras = []string{"CreateWalletAlerts", "UpdateWalletKeepingRestrictions"}

// walletSteps shows a wallet's life against lagotest: created with a
// top-up that Lago credits in the background (settled here with the
// helper), given metadata and alerts, updated without losing its
// restriction, and terminated.
func walletSteps(ctx context.Context, r *report, client *lago.Client, srv *lagotest.Server, customer string) {
	srv.AddBillableMetrics("storage_gb")
	const code = "prepaid_eu"
	r.step("CreateWallet", "POST /customers/{external_customer_id}/wallets", func() (string, error) {
		w, err := client.CreateWallet(ctx, customer, lago.WalletInput{
			RateAmount:     "0.5",
			Name:           lago.Value("Prepaid EU"),
			PaidCredits:    lago.Value[lago.DecimalInput]("100"),
			GrantedCredits: lago.Value[lago.DecimalInput]("20"),
			AppliesTo:      lago.Value(lago.WalletAppliesToInput{BillableMetricCodes: lago.Value([]string{"storage_gb"})}),
		})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("created %s in %s (code derived from the name), %s credits until the top-up runs", deref(w.Code), w.Currency, w.CreditsBalance), nil
	})
	r.step("GetWallet", "GET /customers/{external_customer_id}/wallets/{code}", func() (string, error) {
		if _, err := srv.SettleWalletTopUps(customer, code); err != nil {
			return "", err
		}
		w, err := client.GetWallet(ctx, customer, code)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("top-up settled: %s credits, worth %s", w.CreditsBalance, money(w.BalanceCents, w.Currency)), nil
	})
	r.step("ReplaceWalletMetadata", "POST /customers/{external_customer_id}/wallets/{wallet_code}/metadata", func() (string, error) {
		md, err := client.ReplaceWalletMetadata(ctx, customer, code, lago.WalletMetadata{"crm_id": lago.Ptr("0061x00000AbCdE"), "region": lago.Ptr("eu")})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%d keys; this ran Lago's wallet update", len(md)), nil
	})
	r.step("GetWallet", "GET /customers/{external_customer_id}/wallets/{code}", func() (string, error) {
		w, err := client.GetWallet(ctx, customer, code)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("billable metric restriction after the metadata write: %s (Lago dropped it)", codes(w.AppliesTo.BillableMetricCodes)), nil
	})
	r.step("UpdateWallet", "PUT /customers/{external_customer_id}/wallets/{code}", func() (string, error) {
		w, err := client.UpdateWallet(ctx, customer, code, lago.WalletUpdateInput{
			AppliesTo: lago.Value(lago.WalletAppliesToInput{BillableMetricCodes: lago.Value([]string{"storage_gb"})}),
		})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("restriction set again: %s", codes(w.AppliesTo.BillableMetricCodes)), nil
	})
	r.step("UpdateWalletKeepingRestrictions", "GET, then PUT /customers/{external_customer_id}/wallets/{code}", func() (string, error) {
		w, err := client.UpdateWalletKeepingRestrictions(ctx, customer, code, lago.WalletUpdateInput{
			Priority: lago.Value[int64](10), PurchaseOrderNumber: lago.Value("PO-2026-118"),
		})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("priority %d, purchase order %s, restriction kept: %s", w.Priority, deref(w.PurchaseOrderNumber), codes(w.AppliesTo.BillableMetricCodes)), nil
	})
	r.step("DeleteWalletMetadataKey", "DELETE /customers/{external_customer_id}/wallets/{wallet_code}/metadata/{key}", func() (string, error) {
		md, err := client.DeleteWalletMetadataKey(ctx, customer, code, "region")
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%d key left; the restriction is untouched by this one", len(md)), nil
	})
	r.step("CreateWalletAlert", "POST /customers/{external_customer_id}/wallets/{wallet_code}/alerts", func() (string, error) {
		a, err := client.CreateWalletAlert(ctx, customer, code, lago.WalletAlertInput{
			AlertType: lago.WalletAlertTypeWalletCreditsBalance, Code: "low_credits", Name: lago.Value("Credits running low"),
			Thresholds: []lago.WalletAlertThresholdInput{{Value: "20", Code: lago.Value("warn")}},
		})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%s watches %s, now %s credits", a.Code, a.AlertType, a.PreviousValue), nil
	})
	r.step("CreateWalletAlerts", "POST /customers/{external_customer_id}/wallets/{wallet_code}/alerts", func() (string, error) {
		_, err := client.CreateWalletAlerts(ctx, customer, code, []lago.WalletAlertInput{
			{AlertType: lago.WalletAlertTypeWalletBalanceAmount, Code: "low_balance", Thresholds: []lago.WalletAlertThresholdInput{{Value: "1000"}}},
			{AlertType: lago.WalletAlertTypeWalletCreditsBalance, Code: "again", Thresholds: []lago.WalletAlertThresholdInput{{Value: "5"}}},
		})
		if refused := lago.AlertBatchErrors(err); refused != nil {
			return fmt.Sprintf("batch of 2 refused as a whole: alert #1 (again, wallet_credits_balance) %s", inWords(refused[1])), nil
		}
		if err != nil {
			return "", err
		}
		return "", fmt.Errorf("a second credits alert was accepted")
	})
	r.step("ListWalletAlerts", "GET /customers/{external_customer_id}/wallets/{wallet_code}/alerts", func() (string, error) {
		page, err := client.ListWalletAlerts(ctx, customer, code, nil)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%d alert, nothing of the refused batch", page.Meta.TotalCount), nil
	})
	r.step("UpdateWalletAlert", "PUT /customers/{external_customer_id}/wallets/{wallet_code}/alerts/{code}", func() (string, error) {
		a, err := client.UpdateWalletAlert(ctx, customer, code, "low_credits", lago.WalletAlertUpdateInput{
			Thresholds: lago.Value([]lago.WalletAlertThresholdInput{{Value: "30"}, {Value: "10", Recurring: lago.Value(true)}}),
		})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%d thresholds now", len(a.Thresholds)), nil
	})
	r.step("GetWalletAlert", "GET /customers/{external_customer_id}/wallets/{wallet_code}/alerts/{code}", func() (string, error) {
		a, err := client.GetWalletAlert(ctx, customer, code, "low_credits")
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%s, direction %s", a.Code, a.Direction), nil
	})
	r.step("DeleteWalletAlert", "DELETE /customers/{external_customer_id}/wallets/{wallet_code}/alerts/{code}", func() (string, error) {
		a, err := client.DeleteWalletAlert(ctx, customer, code, "low_credits")
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("deleted %s", a.Code), nil
	})
	r.step("DeleteWalletAlerts", "DELETE /customers/{external_customer_id}/wallets/{wallet_code}/alerts", func() (string, error) {
		return "answered 200 with an empty body", client.DeleteWalletAlerts(ctx, customer, code)
	})
	r.step("MergeWalletMetadata", "PATCH /customers/{external_customer_id}/wallets/{wallet_code}/metadata", func() (string, error) {
		md, err := client.MergeWalletMetadata(ctx, customer, code, lago.WalletMetadata{"note": nil})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%d keys, note kept as null", len(md)), nil
	})
	r.step("DeleteWalletMetadata", "DELETE /customers/{external_customer_id}/wallets/{wallet_code}/metadata", func() (string, error) {
		md, err := client.DeleteWalletMetadata(ctx, customer, code)
		if err != nil {
			return "", err
		}
		if md != nil {
			return "", fmt.Errorf("metadata left: %v", md)
		}
		return "metadata is now null", nil
	})
	r.step("TerminateWallet", "DELETE /customers/{external_customer_id}/wallets/{code}", func() (string, error) {
		w, err := client.TerminateWallet(ctx, customer, code)
		if err != nil {
			return "", err
		}
		again, err := client.TerminateWallet(ctx, customer, code)
		if err != nil {
			return "", err
		}
		repeat := "terminating again changed nothing"
		if again.TerminatedAt == nil || !again.TerminatedAt.Equal(*w.TerminatedAt) {
			repeat = "terminating again moved terminated_at"
		}
		return fmt.Sprintf("%s at %s UTC with %s credits left (not voided); %s", w.Status, w.TerminatedAt.Format("15:04:05.000"), w.CreditsBalance, repeat), nil
	})
	r.step("ListWallets", "GET /customers/{external_customer_id}/wallets", func() (string, error) {
		var states []string
		for w, err := range client.AllWallets(ctx, customer, nil) {
			if err != nil {
				return "", err
			}
			states = append(states, deref(w.Code).(string)+" "+string(w.Status))
		}
		return "terminated wallets stay listed: " + strings.Join(states, ", "), nil
	})
}

// walletReadSteps lists a real customer's wallets and the alerts of the
// first one, changing nothing.
func walletReadSteps(ctx context.Context, r *report, client *lago.Client, customer string) {
	var first *lago.Wallet
	r.step("ListWallets", "GET /customers/{external_customer_id}/wallets", func() (string, error) {
		page, err := client.ListWallets(ctx, customer, &lago.ListWalletsOptions{PerPage: 5})
		if err != nil {
			return "", err
		}
		for i := range page.Wallets {
			if page.Wallets[i].Status == lago.WalletStatusActive && page.Wallets[i].Code != nil {
				first = &page.Wallets[i]
				break
			}
		}
		return fmt.Sprintf("%d wallets", page.Meta.TotalCount), nil
	})
	if first == nil {
		r.skip("ListWalletAlerts", "the customer has no active wallet")
		return
	}
	r.step("ListWalletAlerts", "GET /customers/{external_customer_id}/wallets/{wallet_code}/alerts", func() (string, error) {
		page, err := client.ListWalletAlerts(ctx, customer, *first.Code, nil)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%d alerts on %s", page.Meta.TotalCount, *first.Code), nil
	})
}
