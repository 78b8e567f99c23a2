package lagotest

import (
	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/lago"
)

// The wallet bodies as Lago reads them. The request types of package gen
// refuse, when decoding, a decimal that is not one (lago.DecimalInput),
// where Lago takes the body and reports the field. These types shadow the
// decimal fields with plain strings, which encoding/json prefers to the
// embedded ones, being shallower.

type walletInput struct {
	gen.WalletInput
	RateAmount                string                     `json:"rate_amount"`
	PaidCredits               lago.Nullable[string]      `json:"paid_credits,omitzero"`
	GrantedCredits            lago.Nullable[string]      `json:"granted_credits,omitzero"`
	RecurringTransactionRules lago.Nullable[[]ruleInput] `json:"recurring_transaction_rules,omitzero"`
}

type walletUpdateInput struct {
	gen.WalletUpdateInput
	RecurringTransactionRules lago.Nullable[[]ruleInput] `json:"recurring_transaction_rules,omitzero"`
}

type ruleInput struct {
	gen.RecurringTransactionRuleInput
	GrantedCredits       lago.Nullable[string] `json:"granted_credits,omitzero"`
	PaidCredits          lago.Nullable[string] `json:"paid_credits,omitzero"`
	TargetOngoingBalance lago.Nullable[string] `json:"target_ongoing_balance,omitzero"`
	ThresholdCredits     lago.Nullable[string] `json:"threshold_credits,omitzero"`
}
