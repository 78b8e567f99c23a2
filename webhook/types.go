package webhook

// The webhook_type of each event Lago sends about a customer and its
// resources. An [Event] whose Type is none of these is still delivered to
// you: Lago adds event types over time.
const (
	// TypeCustomerCreated is sent when CreateCustomer meets a new external id.
	TypeCustomerCreated = "customer.created"
	// TypeCustomerUpdated is sent on every CreateCustomer call for an
	// existing external id, whether or not a field changed.
	TypeCustomerUpdated = "customer.updated"
	// TypeCustomerAccountingProviderCreated is sent when the accounting
	// integration has created the customer as a contact.
	TypeCustomerAccountingProviderCreated = "customer.accounting_provider_created"
	// TypeCustomerAccountingProviderError is sent when that sync failed.
	TypeCustomerAccountingProviderError = "customer.accounting_provider_error"
	// TypeCustomerCRMProviderCreated is sent when the CRM integration has
	// created the contact.
	TypeCustomerCRMProviderCreated = "customer.crm_provider_created"
	// TypeCustomerCRMProviderError is sent when the CRM sync failed.
	TypeCustomerCRMProviderError = "customer.crm_provider_error"
	// TypeCustomerPaymentProviderCreated is sent when the customer exists
	// at the payment provider.
	TypeCustomerPaymentProviderCreated = "customer.payment_provider_created"
	// TypeCustomerPaymentProviderError is sent when creating the customer
	// at the payment provider failed.
	TypeCustomerPaymentProviderError = "customer.payment_provider_error"
	// TypeCustomerCheckoutURLGenerated is sent when Lago made a checkout
	// link after creating the provider customer (GenerateCheckoutURL
	// itself sends none).
	TypeCustomerCheckoutURLGenerated = "customer.checkout_url_generated"
	// TypeCustomerTaxProviderError is sent when the tax integration sync
	// failed.
	TypeCustomerTaxProviderError = "customer.tax_provider_error"
	// TypeCustomerViesCheck is sent after every VIES check of the
	// customer's tax identification number.
	TypeCustomerViesCheck = "customer.vies_check"
)

// Credit note events.
const (
	// TypeCreditNoteCreated is sent when a finalized credit note was created.
	TypeCreditNoteCreated = "credit_note.created"
	// TypeCreditNoteGenerated is sent when the credit note's PDF was rendered.
	TypeCreditNoteGenerated = "credit_note.generated"
	// TypeCreditNoteRefundFailure is sent when a refund at the payment
	// provider failed. Lago's endpoint filter calls it
	// credit_note.provider_refund_failure, but the payload carries this name.
	TypeCreditNoteRefundFailure = "credit_note.refund_failure"
)

// Fee events.
const (
	// TypeFeeCreated is sent for pay-in-advance fees.
	TypeFeeCreated = "fee.created"
	// TypeFeeTaxProviderError is published by Lago, though its server does
	// not send it at the time of writing.
	TypeFeeTaxProviderError = "fee.tax_provider_error"
)

// Invoice events.
const (
	// TypeInvoiceCreated is sent when a finalized invoice exists.
	TypeInvoiceCreated = "invoice.created"
	// TypeInvoiceOneOffCreated is sent for a one-off invoice.
	TypeInvoiceOneOffCreated = "invoice.one_off_created"
	// TypeInvoiceAddOnAdded is listed in Lago's published description.
	//
	// Deprecated: Lago no longer sends it.
	TypeInvoiceAddOnAdded = "invoice.add_on_added"
	// TypeInvoicePaidCreditAdded is sent when the invoice of a paid wallet
	// top-up is finalized.
	TypeInvoicePaidCreditAdded = "invoice.paid_credit_added"
	// TypeInvoiceGenerated is sent when the invoice's PDF was rendered.
	TypeInvoiceGenerated = "invoice.generated"
	// TypeInvoiceDrafted is sent when billing left an invoice in draft
	// during its grace period.
	TypeInvoiceDrafted = "invoice.drafted"
	// TypeInvoiceReadyToFinalize is sent when a draft invoice may be
	// finalized; Lago sends it though its published description lacks it.
	TypeInvoiceReadyToFinalize = "invoice.ready_to_finalize"
	// TypeInvoiceVoided is sent when an invoice was voided.
	TypeInvoiceVoided = "invoice.voided"
	// TypeInvoiceDeleted is sent when a draft invoice was deleted.
	TypeInvoiceDeleted = "invoice.deleted"
	// TypeInvoicePaymentDisputeLost is sent when a payment dispute was lost.
	TypeInvoicePaymentDisputeLost = "invoice.payment_dispute_lost"
	// TypeInvoicePaymentStatusUpdated is sent when an invoice's payment
	// status changed.
	TypeInvoicePaymentStatusUpdated = "invoice.payment_status_updated"
	// TypeInvoicePaymentOverdue is sent when an invoice became overdue.
	TypeInvoicePaymentOverdue = "invoice.payment_overdue"
	// TypeInvoicePaymentFailure is sent when a provider payment failed.
	TypeInvoicePaymentFailure = "invoice.payment_failure"
	// TypeInvoiceResynced is sent when an invoice was synced again to
	// Salesforce.
	TypeInvoiceResynced = "invoice.resynced"
)

// Payment, payment receipt and payment request events.
const (
	// TypePaymentSucceeded is sent when a provider reported a payment's
	// success.
	TypePaymentSucceeded = "payment.succeeded"
	// TypePaymentRequiresAction is sent when the customer must act (3-D
	// Secure, say) before the payment can go through.
	TypePaymentRequiresAction = "payment.requires_action"
	// TypePaymentReceiptCreated is sent when a payment receipt was created;
	// Lago sends it though its published description lacks it.
	TypePaymentReceiptCreated = "payment_receipt.created"
	// TypePaymentReceiptGenerated is sent when a payment receipt's PDF was
	// rendered; Lago sends it though its published description lacks it.
	TypePaymentReceiptGenerated = "payment_receipt.generated"
	// TypePaymentRequestCreated is sent when a payment request was created.
	TypePaymentRequestCreated = "payment_request.created"
	// TypePaymentRequestPaymentFailure is sent when a payment request's
	// payment failed at the provider.
	TypePaymentRequestPaymentFailure = "payment_request.payment_failure"
	// TypePaymentRequestPaymentStatusUpdated is sent when a payment
	// request's payment status changed.
	TypePaymentRequestPaymentStatusUpdated = "payment_request.payment_status_updated"
)

// Subscription events.
const (
	// TypeSubscriptionStarted is sent when a subscription became active.
	TypeSubscriptionStarted = "subscription.started"
	// TypeSubscriptionUpdated is sent when a subscription changed.
	TypeSubscriptionUpdated = "subscription.updated"
	// TypeSubscriptionTerminated is sent when a subscription was
	// terminated, also when its customer was deleted.
	TypeSubscriptionTerminated = "subscription.terminated"
	// TypeSubscriptionCanceled is sent when a pending subscription was
	// canceled.
	TypeSubscriptionCanceled = "subscription.canceled"
	// TypeSubscriptionIncomplete is sent when a subscription waits for its
	// activation rules.
	TypeSubscriptionIncomplete = "subscription.incomplete"
	// TypeSubscriptionTrialEnded is sent when a free trial ended.
	TypeSubscriptionTrialEnded = "subscription.trial_ended"
	// TypeSubscriptionTerminationAlert is sent ahead of a scheduled
	// termination.
	TypeSubscriptionTerminationAlert = "subscription.termination_alert"
	// TypeSubscriptionUsageThresholdReached is sent when lifetime usage
	// crossed a progressive billing threshold.
	TypeSubscriptionUsageThresholdReached = "subscription.usage_threshold_reached"
)

// Wallet, wallet transaction and alert events.
const (
	// TypeWalletCreated is sent by CreateWallet; Lago sends it though its
	// published description lacks it.
	TypeWalletCreated = "wallet.created"
	// TypeWalletUpdated is sent by every wallet update, every metadata
	// write except deleting one key, and every balance change; Lago sends
	// it though its published description lacks it.
	TypeWalletUpdated = "wallet.updated"
	// TypeWalletTerminated is sent when a wallet was terminated, also when
	// its customer was deleted; Lago sends it though its published
	// description lacks it.
	TypeWalletTerminated = "wallet.terminated"
	// TypeWalletDepletedOngoingBalance is sent when a wallet's ongoing
	// balance reached zero.
	TypeWalletDepletedOngoingBalance = "wallet.depleted_ongoing_balance"
	// TypeWalletTransactionCreated is sent for a top-up, including the one
	// CreateWallet queues for paid or granted credits, and for prepaid
	// credits applied to an invoice.
	TypeWalletTransactionCreated = "wallet_transaction.created"
	// TypeWalletTransactionUpdated is sent when a wallet transaction was
	// settled or marked failed.
	TypeWalletTransactionUpdated = "wallet_transaction.updated"
	// TypeWalletTransactionPaymentFailure is sent when the payment of a
	// paid top-up failed at the provider.
	TypeWalletTransactionPaymentFailure = "wallet_transaction.payment_failure"
	// TypeAlertTriggered is sent when a usage or wallet alert crossed one
	// or more thresholds.
	TypeAlertTriggered = "alert.triggered"
)
