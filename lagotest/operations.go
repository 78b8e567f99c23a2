package lagotest

import "github.com/lagoclient/lago-go/gen"

// Lago's operationIds, naming operations for fault injection and in
// Request.OperationID. Their values come from openapi/lago.yaml, through
// the operation table generated in package gen.
const (
	OpCreateCustomer      = gen.OpCreateCustomer
	OpListCustomers       = gen.OpFindAllCustomers
	OpGetCustomer         = gen.OpFindCustomer
	OpDeleteCustomer      = gen.OpDestroyCustomer
	OpListAppliedCoupons  = gen.OpFindAllCustomerAppliedCoupons
	OpDeleteAppliedCoupon = gen.OpDeleteAppliedCoupon
	OpGenerateCheckoutURL = gen.OpGenerateCustomerCheckoutURL
	OpGetCurrentUsage     = gen.OpFindCustomerCurrentUsage
	OpListPastUsage       = gen.OpFindAllCustomerPastUsage
	OpGetProjectedUsage   = gen.OpFindCustomerProjectedUsage
	OpGetPortalURL        = gen.OpGetCustomerPortalURL

	OpCreateWallet            = gen.OpCreateCustomerWallet
	OpListWallets             = gen.OpFindAllCustomerWallets
	OpGetWallet               = gen.OpFindCustomerWallet
	OpUpdateWallet            = gen.OpUpdateCustomerWallet
	OpTerminateWallet         = gen.OpDestroyCustomerWallet
	OpReplaceWalletMetadata   = gen.OpReplaceCustomerWalletMetadata
	OpMergeWalletMetadata     = gen.OpMergeCustomerWalletMetadata
	OpDeleteWalletMetadata    = gen.OpDeleteAllCustomerWalletMetadata
	OpDeleteWalletMetadataKey = gen.OpDeleteCustomerWalletMetadataKey
	OpListWalletAlerts        = gen.OpGetCustomerWalletAlerts
	OpCreateWalletAlert       = gen.OpCreateCustomerWalletAlert
	OpDeleteWalletAlerts      = gen.OpDeleteAllCustomerWalletAlerts
	OpGetWalletAlert          = gen.OpGetCustomerWalletAlert
	OpUpdateWalletAlert       = gen.OpUpdateCustomerWalletAlert
	OpDeleteWalletAlert       = gen.OpDeleteCustomerWalletAlert
	OpListInvoices            = gen.OpFindAllCustomerInvoices
	OpListCreditNotes         = gen.OpFindAllCustomerCreditNotes
	OpListPayments            = gen.OpFindAllCustomerPayments
	OpListPaymentRequests     = gen.OpFindAllCustomerPaymentRequests
	OpListSubscriptions       = gen.OpFindAllCustomerSubscriptions
	OpListPaymentMethods      = gen.OpFindAllCustomersPaymentMethods
	OpSetDefaultPaymentMethod = gen.OpPaymentMethodSetAsDefault
	OpDeletePaymentMethod     = gen.OpDestroyPaymentMethod

	OpGetWebhookPublicKey = gen.OpFetchJSONPublicKey
)
