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

// handlers routes each operation of the spec, by its generated id, to
// what answers it; the twins of a published verb go to its handler (see
// checkRequest).
var handlers = map[string]func(*Server, *call) response{
	gen.OpCreateCustomer:                (*Server).createCustomer,
	gen.OpFindAllCustomers:              (*Server).listCustomers,
	gen.OpFindCustomer:                  (*Server).getCustomer,
	gen.OpDestroyCustomer:               (*Server).deleteCustomer,
	gen.OpFindAllCustomerAppliedCoupons: (*Server).listAppliedCoupons,
	gen.OpDeleteAppliedCoupon:           (*Server).deleteAppliedCoupon,
	gen.OpGenerateCustomerCheckoutURL:   (*Server).checkoutURL,
	gen.OpGetCustomerPortalURL:          (*Server).portalURL,
	gen.OpFindCustomerCurrentUsage:      (*Server).currentUsage,
	gen.OpFindAllCustomerPastUsage:      (*Server).pastUsage,
	gen.OpFindCustomerProjectedUsage:    (*Server).projectedUsage,

	gen.OpCreateCustomerWallet:            (*Server).createWallet,
	gen.OpFindAllCustomerWallets:          (*Server).listWallets,
	gen.OpFindCustomerWallet:              (*Server).getWallet,
	gen.OpUpdateCustomerWallet:            (*Server).updateWallet,
	gen.OpDestroyCustomerWallet:           (*Server).terminateWallet,
	gen.OpReplaceCustomerWalletMetadata:   (*Server).replaceWalletMetadata,
	gen.OpMergeCustomerWalletMetadata:     (*Server).mergeWalletMetadata,
	gen.OpDeleteAllCustomerWalletMetadata: (*Server).deleteWalletMetadata,
	gen.OpDeleteCustomerWalletMetadataKey: (*Server).deleteWalletMetadataKey,
	gen.OpGetCustomerWalletAlerts:         (*Server).listWalletAlerts,
	gen.OpCreateCustomerWalletAlert:       (*Server).createWalletAlert,
	gen.OpDeleteAllCustomerWalletAlerts:   (*Server).deleteWalletAlerts,
	gen.OpGetCustomerWalletAlert:          (*Server).getWalletAlert,
	gen.OpUpdateCustomerWalletAlert:       (*Server).updateWalletAlert,
	gen.OpDeleteCustomerWalletAlert:       (*Server).deleteWalletAlert,
	gen.OpFindAllCustomerInvoices:         (*Server).listInvoices,
	gen.OpFindAllCustomerCreditNotes:      (*Server).listCreditNotes,
	gen.OpFindAllCustomerPayments:         (*Server).listPayments,
	gen.OpFindAllCustomerPaymentRequests:  (*Server).listPaymentRequests,
	gen.OpFindAllCustomerSubscriptions:    (*Server).listSubscriptions,
	gen.OpFindAllCustomersPaymentMethods:  (*Server).listPaymentMethods,
	gen.OpPaymentMethodSetAsDefault:       (*Server).setDefaultPaymentMethod,
	gen.OpDestroyPaymentMethod:            (*Server).deletePaymentMethod,
	gen.OpFetchJSONPublicKey:              (*Server).webhookPublicKeyResponse,
}
