package service

import (
	"context"
	"crypto/rand"
	"net/mail"
	"slices"
	"strings"

	"guantong"
	"guantong/internal/store"
)

// Accounts after they are created: one's own password; a one-time password set by the
// employer's HR (for its own staff's applicant accounts) or the admin (anyone); disabling and
// enabling; name, phone, e-mail, organisation and role within the same rights. Every change
// is on the account's audit record, without the password.

// ChangePassword replaces u's password after checking the current one (the one-time password
// after a reset), and ends u's other sessions; keepToken is the session the change is made
// from, which stays open. A one-time password is no longer required afterwards.
func (s *Service) ChangePassword(ctx context.Context, u *guantong.User, keepToken, current, next string) error {
	if err := signedIn(u); err != nil {
		return err
	}
	hash, err := s.store.UserPasswordHash(ctx, u.ID)
	if err != nil {
		return err
	}
	var es guantong.FieldErrors
	if s.cmp([]byte(hash), []byte(current)) != nil {
		es.Add("current", "当前密码不正确")
	}
	if next == current {
		es.Add("password", "新密码不能与当前密码相同")
	}
	newHash, err := s.chosenPassword(u.Username, next, &es)
	if err != nil {
		return err
	}
	if len(es) > 0 {
		return es
	}
	err = s.store.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SetPassword(ctx, u.ID, newHash, false, tokenHash(keepToken)); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "change_password", subjectOf("user", u.ID), map[string]any{"was_one_time": u.MustChangePassword})
	})
	if err == nil {
		u.MustChangePassword = false
	}
	return err
}

// OneTime is a password shown once to whoever set it, to be changed at first sign-in.
type OneTime struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// oneTimeAlphabet leaves out letters and digits read alike (0 O 1 l I), since a one-time
// password is read off a screen or a sheet and typed.
const oneTimeAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// OneTimePassword returns a new random one-time password and its hash; staff imports and
// resets share it.
func (s *Service) OneTimePassword() (plain, hash string, err error) {
	plain = oneTimePlain()
	hash, err = s.hashPassword(plain)
	return plain, hash, err
}

// oneTimePlain returns 12 random characters of oneTimeAlphabet.
func oneTimePlain() string {
	// base32: 60 bits of randomness, mapped to the alphabet people can read back.
	b := []byte(rand.Text()[:12])
	for i := range b {
		b[i] = oneTimeAlphabet[int(b[i])%len(oneTimeAlphabet)]
	}
	return string(b)
}

// ResetPassword gives an account a one-time password (shown once, in the answer) and ends its
// sessions: the admin for anyone, HR for its own staff's applicant accounts.
func (s *Service) ResetPassword(ctx context.Context, u *guantong.User, id int64) (OneTime, error) {
	plain, hash, err := s.OneTimePassword()
	if err != nil {
		return OneTime{}, err
	}
	var out OneTime
	err = s.store.Write(ctx, func(tx *store.Tx) error {
		target, err := s.manageable(ctx, tx, u, id)
		if err != nil {
			return err
		}
		if err := tx.SetPassword(ctx, id, hash, true, ""); err != nil {
			return err
		}
		out = OneTime{Username: target.Username, Password: plain}
		return s.audit(ctx, tx, u, "reset_password", subjectOf("user", id), struct{}{})
	})
	return out, err
}

// SetUserDisabled disables an account (it cannot sign in, and its sessions end) or enables
// it again; the same rights as ResetPassword. No one disables their own account.
func (s *Service) SetUserDisabled(ctx context.Context, u *guantong.User, id int64, disabled bool) (guantong.User, error) {
	var target guantong.User
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		var err error
		if target, err = s.manageable(ctx, tx, u, id); err != nil {
			return err
		}
		if id == u.ID {
			return guantong.Errorf(guantong.EForbidden, "不能停用自己的账号")
		}
		target.Disabled = disabled
		if err := tx.UpdateUser(ctx, &target); err != nil {
			return err
		}
		action := "enable_user"
		if disabled {
			action = "disable_user"
			if err := tx.DeleteUserSessions(ctx, id, ""); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, u, action, subjectOf("user", id), struct{}{})
	})
	return target, err
}

// UserEdit is what may change in an account. OrgID is a staff member's organisation, or an
// applicant's employer; Role and OrgID are the admin's to change.
type UserEdit struct {
	Name  string `json:"name"`
	Phone string `json:"phone"`
	Email string `json:"email"`
	Role  string `json:"role"`
	OrgID int64  `json:"org_id"`
}

// UpdateUser edits an account within u's rights: HR its own staff's applicant accounts
// (name, phone, e-mail; the role stays applicant and the employer its own), the admin
// everyone. An applicant's name and phone are those of their person record too.
func (s *Service) UpdateUser(ctx context.Context, u *guantong.User, id int64, in UserEdit) (guantong.User, error) {
	var out guantong.User
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		target, err := s.manageable(ctx, tx, u, id)
		if err != nil {
			return err
		}
		var es guantong.FieldErrors
		out = target
		out.Name, out.Phone, out.Email = strings.TrimSpace(in.Name), strings.TrimSpace(in.Phone), strings.TrimSpace(in.Email)
		if out.Name == "" {
			es.Add("name", "不能为空")
		}
		if out.Email != "" {
			if a, err := mail.ParseAddress(out.Email); err != nil || a.Address != out.Email {
				es.Add("email", "不是有效的电子邮箱地址（如 zhang@example.com）")
			}
		}
		if in.Role == "" {
			in.Role = target.Role
		}
		if in.OrgID == 0 {
			in.OrgID = target.OrgID
		}
		var person guantong.Applicant
		if target.Role == guantong.RoleApplicant {
			if person, err = tx.Applicant(ctx, target.PersonID); err != nil {
				return err
			}
			if in.OrgID == target.OrgID { // an applicant has no organisation: OrgID names the employer
				in.OrgID = person.EmployerID
			}
		}
		if in.Role != target.Role {
			switch {
			case u.Role != guantong.RoleAdmin:
				es.Add("role", "只有管理员可以更改角色")
			case target.Role == guantong.RoleApplicant || in.Role == guantong.RoleApplicant:
				es.Add("role", "申报人账号与人员信息相连，不能与其他角色互改；请另建账号")
			case !slices.Contains(guantong.Roles, in.Role):
				es.Add("role", "须为 %s 之一", strings.Join(guantong.Roles, "、"))
			}
			out.Role = in.Role
		}
		switch {
		case target.Role == guantong.RoleApplicant && in.OrgID != person.EmployerID:
			if u.Role != guantong.RoleAdmin {
				es.Add("org_id", "只有管理员可以更改申报人的工作单位")
			} else if o, err := tx.Organisation(ctx, in.OrgID); err != nil || o.Kind != guantong.OrgEmployer {
				es.Add("org_id", "须为一个用人单位")
			}
		case target.Role != guantong.RoleApplicant:
			kinds := guantong.RoleOrgKinds(out.Role)
			if kinds == nil {
				in.OrgID = 0
			} else if o, err := tx.Organisation(ctx, in.OrgID); err != nil || !slices.Contains(kinds, o.Kind) {
				es.Add("org_id", "%s须属于一个%s", guantong.RoleName(out.Role), guantong.OrgKindName(kinds[0]))
			}
			out.OrgID = in.OrgID
		}
		if len(es) > 0 {
			return es
		}
		if err := tx.UpdateUser(ctx, &out); err != nil {
			return err
		}
		if target.Role == guantong.RoleApplicant {
			person.Name, person.Phone, person.EmployerID = out.Name, out.Phone, in.OrgID
			if err := tx.UpdateApplicant(ctx, &person, person.Version); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, u, "edit_user", subjectOf("user", id), map[string]any{
			"name": out.Name, "phone": out.Phone, "email": out.Email, "role": out.Role, "org_id": in.OrgID})
	})
	return out, err
}

// User returns one account to whoever may manage it.
func (s *Service) User(ctx context.Context, u *guantong.User, id int64) (guantong.User, error) {
	return s.manageable(ctx, s.store, u, id)
}

// manageable returns the account id if u may manage it: the admin anyone, HR the applicant
// accounts of people its employer employs. Others are EForbidden.
func (s *Service) manageable(ctx context.Context, r reader, u *guantong.User, id int64) (guantong.User, error) {
	if err := signedIn(u); err != nil {
		return guantong.User{}, err
	}
	if u.Role != guantong.RoleAdmin && u.Role != guantong.RoleHR {
		return guantong.User{}, guantong.Errorf(guantong.EForbidden, "只有管理员和用人单位人事可以管理账号")
	}
	target, err := r.User(ctx, id)
	if err != nil {
		return target, err
	}
	if u.Role == guantong.RoleAdmin {
		return target, nil
	}
	if target.Role == guantong.RoleApplicant && u.OrgID != 0 {
		p, err := r.Applicant(ctx, target.PersonID)
		if err != nil {
			return target, err
		}
		if p.EmployerID == u.OrgID {
			return target, nil
		}
	}
	return guantong.User{}, guantong.Errorf(guantong.EForbidden, "用人单位人事只能管理本单位人员的申报人账号")
}

// UpdateOrganisation edits an organisation (admin only); its kind stays, and the same rules
// as CreateOrganisation apply (a region from guantong.Regions).
func (s *Service) UpdateOrganisation(ctx context.Context, u *guantong.User, id int64, o guantong.Organisation) (guantong.Organisation, error) {
	if err := s.requireAdmin(u); err != nil {
		return o, err
	}
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		old, err := tx.Organisation(ctx, id)
		if err != nil {
			return err
		}
		o.ID, o.Kind, o.CreatedAt = id, old.Kind, old.CreatedAt
		if err := s.validOrganisation(&o); err != nil {
			return err
		}
		if err := tx.UpdateOrganisation(ctx, &o); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "edit_organisation", subjectOf("organisation", id), o)
	})
	return o, err
}

// Organisation returns one organisation to any signed-in user, as Organisations lists them.
func (s *Service) Organisation(ctx context.Context, u *guantong.User, id int64) (guantong.Organisation, error) {
	if err := signedIn(u); err != nil {
		return guantong.Organisation{}, err
	}
	return s.store.Organisation(ctx, id)
}
