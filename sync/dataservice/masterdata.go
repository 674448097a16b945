package dataservice

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/comptoir/comptoir/app/pos"
)

// Entities of the records table; each is a field of pos.MasterData.
const (
	entCenter        = "center"
	entWarehouse     = "warehouse"
	entDeliveryPoint = "delivery_point"
	entTerminal      = "terminal"
	entGroup         = "group"
	entOperator      = "operator"
	entCustomer      = "customer"
	entUnit          = "unit"
	entProduct       = "product"
	entPaymentMethod = "payment_method"
	entDict          = "dict"
	entBundle        = "bundle"
	entAttribute     = "attribute"
	entParams        = "params"
)

type record struct {
	entity, key string
	data        []byte
}

// LoadMasterData writes every record of md, in one transaction, each as a new
// change that tills will pull. A record whose data did not change is left as
// it is, so loading the same data twice sends nothing new.
func (s *Service) LoadMasterData(ctx context.Context, md pos.MasterData) error {
	recs, err := masterRecords(md)
	if err != nil {
		return err
	}
	at := s.now()
	return s.inTx(ctx, func(tx *sql.Tx) error { return putRecords(ctx, tx, recs, formatTime(at)) })
}

// Empty tells whether the service holds no master data yet.
func (s *Service) Empty(ctx context.Context) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM records LIMIT 1)`).Scan(&n)
	return n == 0, err
}

func masterRecords(md pos.MasterData) ([]record, error) {
	var recs []record
	var err error
	add := func(entity, key string, v any) {
		if err != nil {
			return
		}
		if key == "" {
			err = pos.Errorf(pos.CodeInvalid, "error.text_invalid", "Field", entity)
			return
		}
		var data []byte
		if data, err = json.Marshal(v); err != nil {
			err = fmt.Errorf("encode %s %s: %w", entity, key, err)
			return
		}
		recs = append(recs, record{entity: entity, key: key, data: data})
	}
	for _, v := range md.Centers {
		add(entCenter, v.Code, v)
	}
	for _, v := range md.Warehouses {
		add(entWarehouse, v.Code, v)
	}
	for _, v := range md.DeliveryPoints {
		add(entDeliveryPoint, v.Code, v)
	}
	for _, v := range md.Terminals {
		add(entTerminal, v.Code, v)
	}
	for _, v := range md.Groups {
		add(entGroup, v.Code, v)
	}
	for _, v := range md.Operators {
		add(entOperator, v.Code, v)
	}
	for _, v := range md.Customers {
		add(entCustomer, v.Code, v)
	}
	for _, v := range md.Units {
		add(entUnit, v.Code, v)
	}
	for _, v := range md.Products {
		add(entProduct, v.Code, v)
	}
	for _, v := range md.PaymentMethods {
		add(entPaymentMethod, v.Code, v)
	}
	for _, v := range md.Dicts {
		add(entDict, v.Dict+"/"+v.Code, v)
	}
	for _, v := range md.Bundles {
		add(entBundle, v.Code, v)
	}
	for _, v := range md.Attributes {
		add(entAttribute, v.Code, v)
	}
	if md.Params.Currency != "" {
		add(entParams, entParams, md.Params)
	}
	return recs, err
}

func putRecords(ctx context.Context, tx *sql.Tx, recs []record, at string) error {
	if len(recs) == 0 {
		return nil
	}
	seq, err := nextSeq(ctx, tx, len(recs))
	if err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO records (entity, key, data, seq, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (entity, key) DO UPDATE SET data = excluded.data, seq = excluded.seq, updated_at = excluded.updated_at
		WHERE records.data != excluded.data`)
	if err != nil {
		return fmt.Errorf("prepare records: %w", err)
	}
	defer stmt.Close()
	for i, r := range recs {
		if _, err := stmt.ExecContext(ctx, r.entity, r.key, r.data, seq+int64(i), at); err != nil {
			return fmt.Errorf("write %s %s: %w", r.entity, r.key, err)
		}
	}
	return nil
}

// queryer is a transaction or a pool.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// getRecord reads one master record into v; not_found when absent.
func getRecord(ctx context.Context, q queryer, entity, key string, v any) error {
	var data []byte
	err := q.QueryRowContext(ctx, `SELECT data FROM records WHERE entity = ? AND key = ?`, entity, key).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(entity, key)
	}
	if err != nil {
		return fmt.Errorf("read %s %s: %w", entity, key, err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("decode %s %s: %w", entity, key, err)
	}
	return nil
}
