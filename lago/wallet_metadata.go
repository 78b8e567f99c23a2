package lago

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/lagoclient/lago-go/gen"
)

// The metadata routes answer {"metadata": ...}, null for a wallet without
// metadata: their envelope key must be there, and may hold null.
var (
	opReplaceWalletMetadata   = newOperation(gen.OpReplaceCustomerWalletMetadata)
	opMergeWalletMetadata     = newOperation(gen.OpMergeCustomerWalletMetadata)
	opDeleteWalletMetadata    = newOperation(gen.OpDeleteAllCustomerWalletMetadata)
	opDeleteWalletMetadataKey = newOperation(gen.OpDeleteCustomerWalletMetadataKey)
)

// ReplaceWalletMetadata sets the metadata of the active wallet with this
// code to md, removing keys not in it, and returns what Lago stored. A nil
// value in md is stored as null. Lago allows 50 keys of up to 100
// characters, with values of up to 255. A nil md is refused, since Lago
// would change nothing; use DeleteWalletMetadata to remove every key.
//
// Lago runs its whole wallet update for this, so it also REMOVES the
// wallet's billable-metric restriction (see UpdateWallet) and refuses a
// terminated wallet (ErrValidation, wallet_id: wallet_is_terminated). To
// change metadata on a restricted wallet, send Metadata through
// UpdateWalletKeepingRestrictions instead, which replaces it the same way.
func (c *Client) ReplaceWalletMetadata(ctx context.Context, externalCustomerID, walletCode string, md WalletMetadata) (WalletMetadata, error) {
	if md == nil {
		return nil, fmt.Errorf("lago: %s: %w: metadata must not be nil", opReplaceWalletMetadata, ErrInvalidArgument)
	}
	send := sendJSON(&gen.WalletMetadataEnvelope{Metadata: md}, func(ctx context.Context, g *gen.Client, contentType string, body io.Reader) (*http.Response, error) {
		return g.ReplaceCustomerWalletMetadataWithBody(ctx, externalCustomerID, walletCode, contentType, body)
	})
	return metadataCall(ctx, c, opReplaceWalletMetadata, send, externalCustomerID, walletCode)
}

// MergeWalletMetadata sets the keys of md on the active wallet with this
// code, leaving its other keys alone, and returns the merged metadata. A
// key sent with a nil value is kept with a null value, not removed: use
// DeleteWalletMetadataKey for that. An empty or nil md changes nothing.
//
// Like ReplaceWalletMetadata, it REMOVES the wallet's billable-metric
// restriction and refuses a terminated wallet.
func (c *Client) MergeWalletMetadata(ctx context.Context, externalCustomerID, walletCode string, md WalletMetadata) (WalletMetadata, error) {
	if md == nil {
		md = WalletMetadata{}
	}
	send := sendJSON(&gen.WalletMetadataEnvelope{Metadata: md}, func(ctx context.Context, g *gen.Client, contentType string, body io.Reader) (*http.Response, error) {
		return g.MergeCustomerWalletMetadataWithBody(ctx, externalCustomerID, walletCode, contentType, body)
	})
	return metadataCall(ctx, c, opMergeWalletMetadata, send, externalCustomerID, walletCode)
}

// DeleteWalletMetadata removes all metadata of the active wallet with this
// code; it returns nil, also when there was none. Like
// ReplaceWalletMetadata, it REMOVES the wallet's billable-metric
// restriction and refuses a terminated wallet.
func (c *Client) DeleteWalletMetadata(ctx context.Context, externalCustomerID, walletCode string) (WalletMetadata, error) {
	send := func(ctx context.Context, g *gen.Client) (*http.Response, error) {
		return g.DeleteAllCustomerWalletMetadata(ctx, externalCustomerID, walletCode)
	}
	return metadataCall(ctx, c, opDeleteWalletMetadata, send, externalCustomerID, walletCode)
}

// DeleteWalletMetadataKey removes one key from the metadata of the active
// wallet with this code and returns what is left; a key that is not there
// leaves it unchanged. A wallet without any metadata is an ErrNotFound
// error (metadata_not_found). Unlike the other metadata methods it keeps
// the wallet's restrictions and works on terminated wallets. The key is
// sent as one path segment, dots included.
func (c *Client) DeleteWalletMetadataKey(ctx context.Context, externalCustomerID, walletCode, key string) (WalletMetadata, error) {
	send := func(ctx context.Context, g *gen.Client) (*http.Response, error) {
		return g.DeleteCustomerWalletMetadataKey(ctx, externalCustomerID, walletCode, key)
	}
	return metadataCall(ctx, c, opDeleteWalletMetadataKey, send, externalCustomerID, walletCode, key)
}

func metadataCall(ctx context.Context, c *Client, op *operation, send sender, pathArgs ...string) (WalletMetadata, error) {
	env, err := call[gen.WalletMetadataEnvelope](ctx, c, op, send, pathArgs...)
	if err != nil {
		return nil, err
	}
	return env.Metadata, nil
}
