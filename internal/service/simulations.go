package service

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/policy"
	"guantong/internal/store"
	"guantong/internal/whatif"
	"guantong/internal/workbook"
)

// The what-if simulation (政策模拟, issue 11 item 5): the admin runs the policies in force
// and a draft on one population, as a job (internal/job), and reads who changes status.

// MaxPopulationUpload is the largest population the 政策模拟 page takes: about 100,000
// people of `guantong population`'s JSON lines. Larger ones are simulated with `guantong
// simulate`, which streams from the file.
const MaxPopulationUpload = 64 << 20

// kindSimulate is internal/job's KindSimulate.
const kindSimulate = "simulate"

// SimulationRequest is what the admin starts a simulation with: a draft (a stored policy
// not yet in force, by id, or an uploaded file), a population and the date people are
// judged on (zero: today).
type SimulationRequest struct {
	DraftID        string
	DraftFile      []byte
	PopulationName string
	Population     []byte
	AsOf           guantong.Date
}

// QueueSimulation checks the draft and the population and queues the simulation; a worker
// runs it. The draft file is kept with the job, so that a later change to the stored
// policies does not change what it compares. Problems are FieldErrors on "draft",
// "draft_file" (each of the file's problems naming its key) and "population".
func (s *Service) QueueSimulation(ctx context.Context, u *guantong.User, req SimulationRequest) (store.Job, error) {
	if err := s.requireAdmin(u); err != nil {
		return store.Job{}, err
	}
	var es guantong.FieldErrors
	draft, err := s.draftFile(ctx, req.DraftID, req.DraftFile)
	if err != nil {
		var fes guantong.FieldErrors
		if !errors.As(err, &fes) {
			return store.Job{}, err
		}
		es = append(es, fes...)
	}
	if err := checkPopulation(req.PopulationName, req.Population); err != nil {
		es = append(es, err...)
	}
	if err := es.Err(); err != nil {
		return store.Job{}, err
	}
	if req.AsOf.IsZero() {
		req.AsOf = s.Today()
	}
	j := store.Job{Kind: kindSimulate, OwnerID: u.ID, InputName: strings.TrimSpace(req.PopulationName),
		Params: string(draft), AsOf: req.AsOf, CreatedAt: s.now().UTC()}
	err = s.store.Write(ctx, func(tx *store.Tx) error {
		if err := tx.InsertJob(ctx, &j, req.Population); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "queue_simulation", subjectOf("job", j.ID), map[string]any{
			"file": j.InputName, "size": len(req.Population), "as_of": req.AsOf, "draft_sha256": sha256Hex(draft)})
	})
	return j, err
}

// draftFile returns the draft's file: a stored policy not yet in force, or the uploaded one,
// which must load (its problems name their keys) but is not stored: a simulation tries a
// rule before anyone schedules it.
func (s *Service) draftFile(ctx context.Context, id string, file []byte) ([]byte, error) {
	id = strings.TrimSpace(id)
	switch {
	case id != "" && len(file) > 0:
		return nil, guantong.FieldErrors{{Field: "draft", Message: "请选择已上传的草案或上传政策文件，二者选一"}}
	case len(bytes.TrimSpace(file)) > 0:
		if _, err := policy.Load(bytes.NewReader(file)); err != nil {
			var fes guantong.FieldErrors
			if errors.As(err, &fes) {
				for i := range fes {
					fes[i].Message = "政策文件 " + fes[i].Field + "：" + fes[i].Message
					fes[i].Field = "draft_file"
				}
			}
			return nil, err
		}
		return file, nil
	case id == "":
		return nil, guantong.FieldErrors{{Field: "draft", Message: "请选择草案（尚未施行的政策版本），或上传政策文件"}}
	}
	stored, err := s.store.Policies(ctx)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(stored, func(p store.StoredPolicy) bool { return p.PolicyID == id })
	if i < 0 || !stored[i].EffectiveFrom.After(s.Today()) {
		return nil, guantong.FieldErrors{{Field: "draft", Message: "没有尚未施行的政策版本 " + id}}
	}
	return stored[i].Body, nil
}

// checkPopulation refuses a population that cannot be read, naming the problem: a
// people.jsonl whose first line is not JSON, or a staff sheet without its header.
func checkPopulation(name string, data []byte) guantong.FieldErrors {
	bad := func(msg string) guantong.FieldErrors {
		return guantong.FieldErrors{{Field: "population", Message: msg}}
	}
	format, err := workbook.FormatOf(name)
	switch {
	case len(data) == 0 && name == "":
		return bad("请选择人群文件（guantong population 生成的 .jsonl，或员工信息表 .xlsx/.csv）")
	case err != nil:
		return bad("请上传 .jsonl（guantong population 生成）或员工信息表（.xlsx 或 .csv）")
	case len(data) == 0:
		return bad("文件是空的")
	case len(data) > MaxPopulationUpload:
		return bad("文件超过 64 MB：更大的人群请用命令行 guantong simulate")
	case format == workbook.JSONL:
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 1<<20)
		for row := 1; sc.Scan(); row++ {
			line := bytes.TrimSpace(sc.Bytes())
			if len(line) == 0 {
				continue
			}
			if !json.Valid(line) || line[0] != '{' {
				return bad("第 " + strconv.Itoa(row) + " 行不是 JSON 对象：请上传 guantong population 生成的 .jsonl")
			}
			return nil
		}
		return bad("文件中没有人")
	}
	r, err := openSheet("population", name, data)
	if err != nil {
		var fes guantong.FieldErrors
		errors.As(err, &fes)
		return fes
	}
	r.Close()
	return nil
}

// Simulation returns one simulation (admin only; the department's admins share them).
func (s *Service) Simulation(ctx context.Context, u *guantong.User, id int64) (store.Job, error) {
	if err := s.requireAdmin(u); err != nil {
		return store.Job{}, err
	}
	return s.jobOf(ctx, id, kindSimulate, "政策模拟")
}

// Simulations returns the latest simulations, newest first (admin only).
func (s *Service) Simulations(ctx context.Context, u *guantong.User) ([]store.Job, error) {
	if err := s.requireAdmin(u); err != nil {
		return nil, err
	}
	return s.store.JobsOf(ctx, 0, kindSimulate, 20)
}

// SimulationResult returns the workbook of a finished simulation.
func (s *Service) SimulationResult(ctx context.Context, u *guantong.User, id int64) (store.Job, []byte, error) {
	j, err := s.Simulation(ctx, u, id)
	if err != nil {
		return j, nil, err
	}
	b, err := s.jobResult(ctx, j, "政策模拟")
	return j, b, err
}

// SimulationFigures returns the figures of a finished simulation: the counts, the charts and
// the example people.
func (s *Service) SimulationFigures(ctx context.Context, u *guantong.User, id int64) (store.Job, *whatif.Figures, error) {
	j, err := s.Simulation(ctx, u, id)
	if err != nil {
		return j, nil, err
	}
	if !j.HasResult {
		return j, nil, guantong.Errorf(guantong.EConflict, "政策模拟 %d 尚未完成", id)
	}
	b, err := s.store.JobFigures(ctx, id)
	if err != nil {
		return j, nil, err
	}
	var f whatif.Figures
	if err := json.Unmarshal(b, &f); err != nil {
		return j, nil, err
	}
	return j, &f, nil
}

// SimulationPolicies returns the two sets a simulation compares: the policies in force
// (uploaded ones included; on each date the one in force decides) and the draft alone,
// over the service's occupation table. A draft that is itself a stored policy not yet in
// force is left out of the first set, so that a date after its effective date still
// compares it with the rule it replaces.
func (s *Service) SimulationPolicies(draft []byte) (base, proposed *policy.Set, err error) {
	p, err := policy.Load(bytes.NewReader(draft))
	if err != nil {
		return nil, nil, err
	}
	set, today := s.set(), s.Today()
	var ps []*policy.Params
	for _, e := range set.Engines() {
		if q := e.Params(); q.ID != p.ID || !q.EffectiveFrom.After(today) {
			ps = append(ps, q)
		}
	}
	cat := set.Engines()[0].Catalog()
	if base, err = policy.NewSet(ps, cat); err != nil {
		return nil, nil, err
	}
	proposed, err = policy.NewSet([]*policy.Params{p}, cat)
	return base, proposed, err
}
