package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"guantong"
)

const appColumns = `id, kind, route, person_id, employer_id, office_id, committee_id, evaluator_id, series, level,
	occupation_code, stage, version, document, check_record, review_group, exempt_theory, theory, practical,
	notice_from, notice_until, decision, result_from, result_until, certificate_no, certified_on, registered_on,
	revoked_on, revoke_reason, created_at, updated_at, specialty, internal_from, internal_until`

func scanApp(row scanner) (guantong.Application, error) { return scanAppAnd(row) }

// scanAppAnd reads appColumns and then the columns of more, for lists that join what they
// show beside an application.
func scanAppAnd(row scanner, more ...any) (guantong.Application, error) {
	var a guantong.Application
	var office, committee, evaluator sql.NullInt64
	var level, stage, document, check, theory, practical string
	var nFrom, nUntil, rFrom, rUntil, iFrom, iUntil, certified, registered, revoked string
	var cert sql.NullString
	var created, updated int64
	err := row.Scan(append([]any{&a.ID, &a.Kind, &a.Route, &a.PersonID, &a.EmployerID, &office, &committee, &evaluator, &a.Series, &level,
		&a.OccupationCode, &stage, &a.Version, &document, &check, &a.ReviewGroup, &a.ExemptTheory, &theory, &practical,
		&nFrom, &nUntil, &a.Decision, &rFrom, &rUntil, &cert, &certified, &registered,
		&revoked, &a.RevokeReason, &created, &updated, &a.Specialty, &iFrom, &iUntil}, more...)...)
	if err != nil {
		return a, err
	}
	a.OfficeID, a.CommitteeID, a.EvaluatorID = idOf(office), idOf(committee), idOf(evaluator)
	if a.Level, err = parseLevel(level); err != nil {
		return a, fmt.Errorf("application %d: %w", a.ID, err)
	}
	a.Stage = guantong.Stage(stage)
	a.StageName = a.Stage.Name()
	a.Document = json.RawMessage(document)
	if check != "" {
		a.Check = new(guantong.CheckRecord)
		if err := json.Unmarshal([]byte(check), a.Check); err != nil {
			return a, fmt.Errorf("application %d: check record: %w", a.ID, err)
		}
	}
	if a.Theory, err = result(theory); err != nil {
		return a, fmt.Errorf("application %d: theory: %w", a.ID, err)
	}
	if a.Practical, err = result(practical); err != nil {
		return a, fmt.Errorf("application %d: practical: %w", a.ID, err)
	}
	var c stored
	a.Notice = c.period("notice", nFrom, nUntil)
	a.ResultNotice = c.period("result_notice", rFrom, rUntil)
	a.InternalNotice = c.period("internal", iFrom, iUntil)
	a.Certificate = cert.String
	a.CertifiedOn, a.RegisteredOn = c.date("certified_on", certified), c.date("registered_on", registered)
	a.RevokedOn = c.date("revoked_on", revoked)
	a.CreatedAt, a.UpdatedAt = fromMS(created), fromMS(updated)
	return a, c.scanned(nil, "application", a.ID)
}

// parseLevel reads a title or skill level; "" is no level.
func parseLevel(s string) (guantong.Level, error) {
	if t, ok := guantong.ParseTitleLevel(s); ok {
		return guantong.Level{Title: t}, nil
	}
	if k, ok := guantong.ParseSkillLevel(s); ok {
		return guantong.Level{Skill: k}, nil
	}
	if s == "" {
		return guantong.Level{}, nil
	}
	return guantong.Level{}, fmt.Errorf("level %q is neither a title nor a skill level", s)
}

func result(s string) (*guantong.Result, error) {
	if s == "" {
		return nil, nil
	}
	r := new(guantong.Result)
	return r, json.Unmarshal([]byte(s), r)
}

// period reads a notice period from its _from and _until columns; none when from is empty.
func (c *stored) period(column, from, until string) *guantong.Period {
	if from == "" {
		return nil
	}
	return &guantong.Period{From: c.date(column+"_from", from), Until: c.date(column+"_until", until)}
}

// appValues are the columns a change may write, in the order of the UPDATE below.
func appValues(a *guantong.Application) ([]any, error) {
	jsonOr := func(v any, isNil bool) (string, error) {
		if isNil {
			return "", nil
		}
		b, err := json.Marshal(v)
		return string(b), err
	}
	check, err := jsonOr(a.Check, a.Check == nil)
	if err != nil {
		return nil, err
	}
	theory, err := jsonOr(a.Theory, a.Theory == nil)
	if err != nil {
		return nil, err
	}
	practical, err := jsonOr(a.Practical, a.Practical == nil)
	if err != nil {
		return nil, err
	}
	var nFrom, nUntil, rFrom, rUntil string
	if a.Notice != nil {
		nFrom, nUntil = a.Notice.From.String(), a.Notice.Until.String()
	}
	if a.ResultNotice != nil {
		rFrom, rUntil = a.ResultNotice.From.String(), a.ResultNotice.Until.String()
	}
	var iFrom, iUntil string
	if a.InternalNotice != nil {
		iFrom, iUntil = a.InternalNotice.From.String(), a.InternalNotice.Until.String()
	}
	var cert any
	if a.Certificate != "" {
		cert = a.Certificate
	}
	return []any{
		a.Route, a.EmployerID, nullID(a.OfficeID), nullID(a.CommitteeID), nullID(a.EvaluatorID), a.Series, a.Level.String(),
		a.OccupationCode, string(a.Stage), string(a.Document), check, a.ReviewGroup, a.ExemptTheory, theory, practical,
		nFrom, nUntil, a.Decision, rFrom, rUntil, cert, a.CertifiedOn.String(), a.RegisteredOn.String(),
		a.RevokedOn.String(), a.RevokeReason, ms(a.UpdatedAt), a.Specialty, iFrom, iUntil,
	}, nil
}

// appInsertColumns are the columns of a new application: kind, person, version and
// creation, then those of appValues.
var appInsertColumns = strings.Fields(`kind person_id version created_at
	route employer_id office_id committee_id evaluator_id series level
	occupation_code stage document check_record review_group exempt_theory theory practical
	notice_from notice_until decision result_from result_until certificate_no certified_on registered_on
	revoked_on revoke_reason updated_at specialty internal_from internal_until`)

// InsertApplication stores a new application at version 1 and sets its ID.
func (tx *Tx) InsertApplication(ctx context.Context, a *guantong.Application) error {
	vals, err := appValues(a)
	if err != nil {
		return fmt.Errorf("store: insert application: %w", err)
	}
	a.Version = 1
	args := append([]any{a.Kind, a.PersonID, a.Version, ms(a.CreatedAt)}, vals...)
	err = tx.tx.QueryRowContext(ctx, `INSERT INTO applications (`+strings.Join(appInsertColumns, ", ")+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
		$21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33) RETURNING id`, args...).Scan(&a.ID)
	if oneOpen(err) {
		return errOneOpen
	}
	if err != nil {
		return fmt.Errorf("store: insert application: %w", err)
	}
	return nil
}

// UpdateApplication writes a if the stored row is still at version old, and sets a.Version
// to old+1. A row changed meanwhile is EConflict, and nothing is written.
func (tx *Tx) UpdateApplication(ctx context.Context, a *guantong.Application, old int) error {
	vals, err := appValues(a)
	if err != nil {
		return fmt.Errorf("store: update application %d: %w", a.ID, err)
	}
	args := append(vals, a.ID, old)
	res, err := tx.tx.ExecContext(ctx, `UPDATE applications SET
		route = $1, employer_id = $2, office_id = $3, committee_id = $4, evaluator_id = $5, series = $6, level = $7,
		occupation_code = $8, stage = $9, document = $10, check_record = $11, review_group = $12, exempt_theory = $13,
		theory = $14, practical = $15, notice_from = $16, notice_until = $17, decision = $18, result_from = $19,
		result_until = $20, certificate_no = $21, certified_on = $22, registered_on = $23, revoked_on = $24,
		revoke_reason = $25, updated_at = $26, specialty = $27, internal_from = $28, internal_until = $29,
		version = version + 1
		WHERE id = $30 AND version = $31`, args...)
	if err := stale(res, err, "申报", a.ID); err != nil {
		if oneOpen(err) {
			return errOneOpen
		}
		if unique(err) {
			return guantong.Errorf(guantong.EConflict, "证书编号 %s 已被使用", a.Certificate)
		}
		return err
	}
	a.Version = old + 1
	return nil
}

// errOneOpen is a second open application for the same route, series (or occupation) and
// level that got past the service's check (two requests at once): migration 0010's index
// refused it.
var errOneOpen = guantong.Errorf(guantong.EConflict, "已有一项相同申报路径、系列（职业）和层级的申报正在办理，不能重复申报")

// oneOpen reports whether err is a violation of applications_one_open: PostgreSQL names the
// index, SQLite its columns.
func oneOpen(err error) bool {
	if !unique(err) {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "applications_one_open") || strings.Contains(msg, "applications.person_id")
}

// Application returns one application.
func (r reader) Application(ctx context.Context, id int64) (guantong.Application, error) {
	a, err := scanApp(r.q.QueryRowContext(ctx, `SELECT `+appColumns+` FROM applications WHERE id = $1`, id))
	if err != nil {
		return a, notFound(err, "申报", id)
	}
	return a, nil
}

// ApplicationByCertificate returns the application that led to a certificate number.
func (r reader) ApplicationByCertificate(ctx context.Context, number string) (guantong.Application, error) {
	a, err := scanApp(r.q.QueryRowContext(ctx, `SELECT `+appColumns+` FROM applications WHERE certificate_no = $1`, number))
	if err != nil {
		return a, notFound(err, "证书", number)
	}
	return a, nil
}
