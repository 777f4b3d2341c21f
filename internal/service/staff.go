package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/crypto/bcrypt"

	"guantong"
	"guantong/internal/audit"
	"guantong/internal/store"
	"guantong/internal/workbook"
)

// The staff import (issue 10 item 3, docs/staff.md): an employer's HR uploads its staff in
// the staff template (the one 批量测评 reads, internal/workbook); every person is created or
// updated, and every person without an account gets one with a one-time password, all in
// one transaction. A sheet with any bad row writes nothing unless the good rows are asked
// for.

// StaffAccount is an account the import created, with its one-time password: shown once,
// never stored in the clear.
type StaffAccount struct {
	Row      int    `json:"row"`
	Name     string `json:"name"`
	Username string `json:"username"`
	Password string `json:"password"`
}

// StaffImport is what an import did: rows read, people created and updated, the accounts
// created, and every problem by row and column. Written is false when nothing was written.
type StaffImport struct {
	Rows     int                `json:"rows"`
	Created  int                `json:"created"`
	Updated  int                `json:"updated"`
	Skipped  int                `json:"skipped"`
	Written  bool               `json:"written"`
	Accounts []StaffAccount     `json:"accounts"`
	Problems []workbook.Problem `json:"problems"`
}

// otpCost is the bcrypt cost of an imported one-time password (accounts.go's alphabet, 12
// characters). Such a password is about 60 random bits, not
// a person's choice, so the minimum cost keeps it as safe as a chosen one at the default
// cost, and lets 5,000 accounts be created in seconds rather than minutes.
const otpCost = bcrypt.MinCost

// staffRow is a good row of the sheet, with its account's password ready.
type staffRow struct {
	rec        workbook.Record
	idCol      int // the 证件号码 column, for problems found against the database
	password   string
	hash       string
	rowProblem bool
}

// ImportStaff imports an uploaded staff sheet into the HR user's employer. With goodOnly
// false a sheet with any bad row writes nothing; with goodOnly true the good rows are
// written and the others reported.
func (s *Service) ImportStaff(ctx context.Context, u *guantong.User, name string, data []byte, goodOnly bool) (StaffImport, error) {
	var out StaffImport
	if err := signedIn(u); err != nil {
		return out, err
	}
	if u.Role != guantong.RoleHR || u.OrgID == 0 {
		return out, guantong.Errorf(guantong.EForbidden, "员工导入仅供用人单位人事使用")
	}
	r, err := openStaffSheet(name, data)
	if err != nil {
		return out, err
	}
	defer r.Close()
	fields := r.PersonFields() // the kinds of fact the sheet has columns for
	rows, err := readStaff(r, &out)
	if err != nil {
		return out, err
	}
	if len(out.Problems) > 0 && !goodOnly || len(rows) == 0 {
		out.Skipped = out.Rows - len(rows)
		if len(out.Problems) == 0 {
			out.Problems = append(out.Problems, workbook.Problem{Row: 2, Message: "表中没有员工（示例行不算）"})
		}
		return out, nil
	}
	if err := hashAll(rows); err != nil {
		return out, err
	}
	err = s.store.Write(ctx, func(tx *store.Tx) error {
		o := out // a retried transaction starts again from the sheet's own report
		if err := s.writeStaff(ctx, tx, u, strings.TrimSpace(name), fields, rows, &o); err != nil {
			return err
		}
		if len(o.Problems) > len(out.Problems) && !goodOnly {
			o.Created, o.Updated, o.Accounts = 0, 0, nil
			out = o
			return errNothingWritten
		}
		o.Written = true
		out = o
		// The import's own row closes the rows of its people (import_staff_person), which
		// stand just before it in the chain: the head is held until the transaction ends.
		return s.audit(ctx, tx, u, "import_staff", subjectOf("organisation", u.OrgID), map[string]any{
			"file": strings.TrimSpace(name), "rows": o.Rows, "created": o.Created, "updated": o.Updated, "accounts": len(o.Accounts),
			"people": o.Created + o.Updated})
	})
	if errors.Is(err, errNothingWritten) {
		err = nil
	}
	out.Skipped = out.Rows - out.Created - out.Updated
	return out, err
}

// errNothingWritten rolls back an import that found a bad row against the database.
var errNothingWritten = errors.New("service: staff import: a row was refused")

// readStaff reads every row, noting the reader's problems and the import's own: an ID number
// is required, and given once.
func readStaff(r *workbook.Reader, out *StaffImport) ([]staffRow, error) {
	idCol, _ := headerCol(r.Headers(), "证件号码")
	var rows []staffRow
	seen := map[string]int{}
	for {
		raw, err := r.Next()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, guantong.FieldErrors{{Field: "file", Message: "无法读取文件：" + err.Error()}}
		}
		rec := r.Decode(raw)
		out.Rows++
		ps := rec.Problems
		id := guantong.NormalizeIDNumber(rec.Person.IDNumber)
		rec.Person.IDNumber = id
		switch {
		case len(ps) > 0:
		case id == "":
			ps = append(ps, workbook.Problem{Row: rec.Row, Col: idCol, Header: "证件号码", Message: "不能为空：账号以证件号码登录"})
		case seen[id] != 0:
			ps = append(ps, workbook.Problem{Row: rec.Row, Col: idCol, Header: "证件号码",
				Message: fmt.Sprintf("与第%d行重复", seen[id])})
		}
		if len(ps) > 0 {
			out.Problems = append(out.Problems, ps...)
			continue
		}
		seen[id] = rec.Row
		rows = append(rows, staffRow{rec: rec, idCol: idCol})
	}
}

// headerCol returns the 1-based column of a header, and whether the sheet has it.
func headerCol(headers []string, name string) (int, bool) {
	for i, h := range headers {
		if strings.TrimSpace(h) == name {
			return i + 1, true
		}
	}
	return 0, false
}

// hashAll gives every row a one-time password and its hash, on every core: most rows of a
// first import are new accounts, and hashing is the import's slowest part.
func hashAll(rows []staffRow) error {
	var wg sync.WaitGroup
	errs := make([]error, runtime.GOMAXPROCS(0))
	for w := range errs {
		wg.Go(func() {
			for i := w; i < len(rows); i += len(errs) {
				rows[i].password = oneTimePlain()
				h, err := bcrypt.GenerateFromPassword([]byte(rows[i].password), otpCost)
				if err != nil {
					errs[w] = fmt.Errorf("service: hash one-time password: %w", err)
					return
				}
				rows[i].hash = string(h)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// writeStaff creates or updates each row's person, facts (of the kinds in fields, for a
// person registered before: writeFacts) and account, with one audit row
// for each person (import_staff_person: the file and row, created or updated, the account
// created, how many facts of each kind). A person registered at another employer, or a
// username taken by someone else, is a problem of that row; such rows are looked for before
// anything is inserted, because a refused INSERT would end a PostgreSQL transaction.
func (s *Service) writeStaff(ctx context.Context, tx *store.Tx, u *guantong.User, file string, fields []string, rows []staffRow, out *StaffImport) error {
	now := s.now().UTC()
	entries := make([]audit.Entry, 0, len(rows))
	for i := range rows {
		row := &rows[i]
		rec := row.rec
		problem := func(msg string) {
			out.Problems = append(out.Problems, workbook.Problem{Row: rec.Row, Col: row.idCol, Header: "证件号码", Message: msg})
		}
		p, err := tx.ApplicantByIDNumber(ctx, rec.Person.IDNumber)
		found := err == nil
		if err != nil && guantong.ErrorCode(err) != guantong.ENotFound {
			return err
		}
		if found && p.EmployerID != u.OrgID {
			problem("已登记为其他单位的人员：调动须由本人或原单位联系职改办")
			continue
		}
		username := strings.ToLower(rec.Person.IDNumber)
		var hasUser bool
		if found {
			if _, hasUser, err = tx.UserOfPerson(ctx, p.ID); err != nil {
				return err
			}
		}
		if !hasUser {
			taken, err := tx.UsernameTaken(ctx, username)
			if err != nil {
				return err
			}
			if taken {
				problem("账号 " + username + " 已被其他用户使用")
				continue
			}
		}
		idType := rec.Person.IDType
		if idType == guantong.IDResident {
			idType = ""
		}
		var change string
		if found {
			old := p.Version
			p.Name, p.IDType = rec.Person.Name, idType
			if rec.Phone != "" {
				p.Phone = rec.Phone
			}
			if err := tx.UpdateApplicant(ctx, &p, old); err != nil {
				return err
			}
			out.Updated++
			change = "updated"
		} else {
			p = guantong.Applicant{Name: rec.Person.Name, IDType: idType, IDNumber: rec.Person.IDNumber,
				Phone: rec.Phone, EmployerID: u.OrgID, CreatedAt: now}
			if err := tx.InsertApplicant(ctx, &p); err != nil {
				return err
			}
			out.Created++
			change = "created"
		}
		if err := writeFacts(ctx, tx, p.ID, rec.Person, fields, found, u.OrgID, now); err != nil {
			return err
		}
		entry := map[string]any{"file": file, "row": rec.Row, "change": change, "facts": factCounts(rec.Person, fields)}
		if !hasUser {
			nu := guantong.User{Username: username, Name: p.Name, Role: guantong.RoleApplicant, PersonID: p.ID, Phone: p.Phone,
				MustChangePassword: true, CreatedAt: now}
			if err := tx.InsertUser(ctx, &nu, row.hash); err != nil {
				return err
			}
			out.Accounts = append(out.Accounts, StaffAccount{Row: rec.Row, Name: p.Name, Username: username, Password: row.password})
			entry["account"] = username
			entry["account_id"] = nu.ID
		}
		b, err := json.Marshal(entry)
		if err != nil {
			return fmt.Errorf("service: audit payload: %w", err)
		}
		entries = append(entries, audit.Entry{Actor: u.Actor(), Action: "import_staff_person", Subject: subjectOf("person", p.ID), Payload: b})
	}
	// One row a person, appended together: thousands of rows in a few statements.
	_, err := tx.AuditAll(ctx, s.now(), entries)
	return err
}

// factCounts says, for the audit, how many facts of each kind a row registered, for the
// kinds the sheet has columns for (the others were left as they were): enough to follow what
// an import changed without copying a person's record into the log.
func factCounts(p guantong.Person, fields []string) map[string]int {
	all := map[string]int{"skills": len(p.Skills), "titles": len(p.Titles), "assessments": len(p.Assessments),
		"work": len(p.Work), "awards": len(p.Awards), "education": len(p.Education), "targets": len(p.Targets)}
	out := make(map[string]int, len(fields))
	for _, f := range fields {
		out[f] = all[f]
	}
	return out
}
