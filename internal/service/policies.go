package service

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"guantong"
	"guantong/internal/policy"
	"guantong/internal/store"
)

// policies is the set the service judges by: the configured (built-in) policies plus the
// ones the admin stored, as of the stored policies' counter version.
type policies struct {
	base    []*policy.Params // the configured set's, never changed
	refresh time.Duration    // how often the counter is read; < 0: on every use

	mu        sync.Mutex  // one reload at a time
	reloading atomic.Bool // a reload in the background is under way
	current   atomic.Pointer[policyState]
}

type policyState struct {
	set     *policy.Set
	version int64     // the counter the set was built at; -1: none read yet
	checked time.Time // when the counter was last read (wall clock, not the service's)
}

func newPolicies(set *policy.Set, refresh time.Duration) *policies {
	p := &policies{refresh: refresh}
	for _, e := range set.Engines() {
		p.base = append(p.base, e.Params())
	}
	p.current.Store(&policyState{set: set, version: -1})
	return p
}

// set returns the policies in force for this server: the stored ones are re-read when their
// counter has moved, which another app server's upload moves too. Reading the counter is
// one primary-key lookup, done at most once per refresh interval; a failed read keeps the
// set as it was and is logged.
func (s *Service) set() *policy.Set {
	st := s.pol.current.Load()
	if st.version >= 0 && s.pol.refresh >= 0 {
		// Read again in the background when due, and judge by the set in hand meanwhile: the
		// caller may be inside a transaction, and a read from the pool there waits for a
		// connection that, under load, every other step holds while it waits too (two servers
		// hung this way under guantong load).
		if time.Since(st.checked) >= s.pol.refresh && s.pol.reloading.CompareAndSwap(false, true) {
			go func() {
				defer s.pol.reloading.Store(false)
				if _, err := s.reloadPolicies(context.Background()); err != nil {
					s.log.Error("reading the stored policies", "err", err)
				}
			}()
		}
		return st.set
	}
	set, err := s.reloadPolicies(context.Background())
	if err != nil {
		s.log.Error("reading the stored policies", "err", err)
		return st.set
	}
	return set
}

// reloadPolicies reads the counter and, if it moved, the stored policies.
func (s *Service) reloadPolicies(ctx context.Context) (*policy.Set, error) {
	s.pol.mu.Lock()
	defer s.pol.mu.Unlock()
	st := s.pol.current.Load()
	v, err := s.store.PoliciesVersion(ctx)
	if err != nil {
		return nil, err
	}
	if v == st.version {
		s.pol.current.Store(&policyState{set: st.set, version: v, checked: time.Now()})
		return st.set, nil
	}
	stored, err := s.store.Policies(ctx)
	if err != nil {
		return nil, err
	}
	ps := slices.Clone(s.pol.base)
	for _, sp := range stored {
		p, err := policy.Load(bytes.NewReader(sp.Body))
		if err != nil { // validated on upload: a stored file that no longer loads is a code change
			return nil, fmt.Errorf("stored policy %s: %w", sp.PolicyID, err)
		}
		ps = append(ps, p)
	}
	set, err := policy.NewSet(ps, st.set.Engines()[0].Catalog())
	if err != nil {
		return nil, err
	}
	s.pol.current.Store(&policyState{set: set, version: v, checked: time.Now()})
	return set, nil
}

// PolicyVersion is one policy of the set as the admin's page lists it.
type PolicyVersion struct {
	ID            string        `json:"id"`
	Title         string        `json:"title"`
	EffectiveFrom guantong.Date `json:"effective_from"`
	Stored        bool          `json:"stored"`    // uploaded, not built in
	InForce       bool          `json:"in_force"`  // the one in force today
	Scheduled     bool          `json:"scheduled"` // takes effect after today
	UploadedBy    string        `json:"uploaded_by,omitempty"`
	UploadedAt    time.Time     `json:"uploaded_at,omitzero"`
}

// PolicyVersions lists every policy of the set, earliest first (admin only).
func (s *Service) PolicyVersions(ctx context.Context, u *guantong.User) ([]PolicyVersion, error) {
	if err := s.requireAdmin(u); err != nil {
		return nil, err
	}
	if _, err := s.reloadPolicies(ctx); err != nil {
		return nil, err
	}
	stored, err := s.store.Policies(ctx)
	if err != nil {
		return nil, err
	}
	today, set := s.Today(), s.set()
	inForce := set.For(today).Params().ID
	out := []PolicyVersion{}
	for _, e := range set.Engines() {
		p := e.Params()
		v := PolicyVersion{ID: p.ID, Title: p.Title, EffectiveFrom: p.EffectiveFrom, InForce: p.ID == inForce, Scheduled: p.EffectiveFrom.After(today)}
		for _, sp := range stored {
			if sp.PolicyID == p.ID {
				v.Stored, v.UploadedBy, v.UploadedAt = true, sp.UploadedBy, sp.UploadedAt
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// PreviewPolicy validates an uploaded policy file without storing it and compares it with
// the policy in force today (admin only). Problems are guantong.FieldErrors naming the
// file's keys (forward[1].years); a date not after today is refused at effective_from.
func (s *Service) PreviewPolicy(ctx context.Context, u *guantong.User, body []byte) (PolicyDiff, error) {
	if err := s.requireAdmin(u); err != nil {
		return PolicyDiff{}, err
	}
	p, err := s.validPolicy(body)
	if err != nil {
		return PolicyDiff{}, err
	}
	return Diff(s.Engine().Params(), p), nil
}

// validPolicy loads body and checks that it can join the set from a future date.
func (s *Service) validPolicy(body []byte) (*policy.Params, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, guantong.FieldErrors{{Field: "file", Message: "请选择政策文件（JSON）"}}
	}
	p, err := policy.Load(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	var es guantong.FieldErrors
	if today := s.Today(); !p.EffectiveFrom.After(today) {
		es.Add("effective_from", "施行日期须晚于今天（%s）：已施行的政策不能更改，申请按其日期所施行的政策判断", today)
	}
	for _, e := range s.set().Engines() {
		if e.Params().ID == p.ID {
			es.Add("id", "已有编号为 %s 的政策", p.ID)
		}
		if e.Params().EffectiveFrom.Equal(p.EffectiveFrom) {
			es.Add("effective_from", "政策 %s 已自 %s 施行", e.Params().ID, p.EffectiveFrom)
		}
	}
	return p, es.Err()
}

// SchedulePolicy stores an uploaded policy to take effect on its effective_from, audited,
// and reloads the set; other app servers see it when they next read the counter.
func (s *Service) SchedulePolicy(ctx context.Context, u *guantong.User, body []byte) (PolicyVersion, error) {
	if err := s.requireAdmin(u); err != nil {
		return PolicyVersion{}, err
	}
	p, err := s.validPolicy(body)
	if err != nil {
		return PolicyVersion{}, err
	}
	sp := store.StoredPolicy{PolicyID: p.ID, EffectiveFrom: p.EffectiveFrom, Body: body, UploadedBy: u.Actor(), UploadedAt: s.now().UTC()}
	err = s.store.Write(ctx, func(tx *store.Tx) error {
		if err := tx.InsertPolicy(ctx, &sp); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "schedule_policy", "policy/"+p.ID, map[string]any{
			"effective_from": p.EffectiveFrom, "title": p.Title, "sha256": sha256Hex(body)})
	})
	if err != nil {
		return PolicyVersion{}, err
	}
	if _, err := s.reloadPolicies(ctx); err != nil {
		return PolicyVersion{}, err
	}
	return PolicyVersion{ID: p.ID, Title: p.Title, EffectiveFrom: p.EffectiveFrom, Stored: true, Scheduled: true,
		UploadedBy: sp.UploadedBy, UploadedAt: sp.UploadedAt}, nil
}

// WithdrawPolicy removes a stored policy before it takes effect (admin only), audited.
func (s *Service) WithdrawPolicy(ctx context.Context, u *guantong.User, id string) error {
	if err := s.requireAdmin(u); err != nil {
		return err
	}
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		if err := tx.DeletePolicy(ctx, id, s.Today()); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "withdraw_policy", "policy/"+id, map[string]any{})
	})
	if err != nil {
		return err
	}
	_, err = s.reloadPolicies(ctx)
	return err
}

// PolicyParams returns the parameters of one policy of the set, for the side-by-side view.
func (s *Service) PolicyParams(id string) (*policy.Params, error) {
	for _, e := range s.set().Engines() {
		if e.Params().ID == id {
			return e.Params(), nil
		}
	}
	return nil, guantong.Errorf(guantong.ENotFound, "政策 %s 不存在", id)
}

// paramsJSON flattens p into key paths and values, for the parameter-by-parameter diff.
func paramsJSON(p *policy.Params) (map[string]string, []string) {
	b, err := json.Marshal(p)
	if err != nil {
		panic(errors.Join(errors.New("policy params do not encode"), err))
	}
	var v any
	_ = json.Unmarshal(b, &v)
	out := map[string]string{}
	var keys []string
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch t := v.(type) {
		case map[string]any:
			ks := make([]string, 0, len(t))
			for k := range t {
				ks = append(ks, k)
			}
			slices.Sort(ks)
			for _, k := range ks {
				walk(join(prefix, k), t[k])
			}
		case []any:
			if len(t) == 0 {
				out[prefix], keys = "[]", append(keys, prefix)
			}
			for i, e := range t {
				walk(fmt.Sprintf("%s[%d]", prefix, i), e)
			}
		default:
			b, _ := json.Marshal(t)
			out[prefix], keys = string(b), append(keys, prefix)
		}
	}
	walk("", v)
	return out, keys
}

func join(prefix, k string) string {
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
