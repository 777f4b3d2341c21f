package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"guantong"
)

// ApplicantsByID returns the applicants' records of ids, in one query, by ID; an ID with no
// record is absent. A list of many applications (the public notices) reads its people here
// rather than one query each.
func (r reader) ApplicantsByID(ctx context.Context, ids []int64) (map[int64]guantong.Applicant, error) {
	out := make(map[int64]guantong.Applicant, len(ids))
	for len(ids) > 0 {
		batch := ids[:min(len(ids), 500)] // well under either engine's limit of parameters
		ids = ids[len(batch):]
		marks := make([]string, len(batch))
		args := make([]any, len(batch))
		for i, id := range batch {
			marks[i], args[i] = "$"+strconv.Itoa(i+1), id
		}
		rows, err := r.q.QueryContext(ctx, `SELECT `+personColumns+` FROM people WHERE id IN (`+strings.Join(marks, ", ")+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: applicants: %w", err)
		}
		for rows.Next() {
			p, err := scanPerson(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: applicants: %w", err)
			}
			out[p.ID] = p
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("store: applicants: %w", err)
		}
	}
	return out, nil
}
