package committee

import "encoding/json"

// MarshalJSON writes rules in the form of a rules file, which LoadRules reads back to the
// same rules. A meeting stores the rules it reviews by this way (meetings.rules_json), so
// that its results stay explainable after the committee's file changes.
func (r *Rules) MarshalJSON() ([]byte, error) {
	type method struct {
		Method    string      `json:"method"`
		Weight    int         `json:"weight"`
		PassScore json.Number `json:"pass_score,omitempty"`
	}
	type achievement struct {
		Type   string `json:"type"`
		Points int    `json:"points"`
		Cap    int    `json:"cap,omitempty"`
	}
	type group struct {
		Name           string        `json:"name"`
		Skilled        bool          `json:"skilled"`
		Note           string        `json:"note,omitempty"`
		Methods        []method      `json:"methods"`
		Achievements   []achievement `json:"achievements,omitempty"`
		AchievementCap int           `json:"achievement_cap,omitempty"`
	}
	out := struct {
		ID                string  `json:"id"`
		Name              string  `json:"name"`
		Series            string  `json:"series,omitempty"`
		Level             string  `json:"level,omitempty"`
		Source            string  `json:"source,omitempty"`
		Note              string  `json:"note,omitempty"`
		Quorum            string  `json:"quorum"`
		Pass              string  `json:"pass"`
		PassBase          string  `json:"pass_base"`
		MinMembers        int     `json:"min_members"`
		MinSkilledMembers int     `json:"min_skilled_members"`
		Kind              string  `json:"kind"`
		MinExpertTitle    string  `json:"min_expert_title,omitempty"`
		MinSkilledSkill   string  `json:"min_skilled_skill,omitempty"`
		Groups            []group `json:"groups"`
	}{
		ID: r.ID, Name: r.Name, Series: r.Series, Level: r.Level.String(), Source: r.Source, Note: r.Note,
		Quorum: r.Quorum.String(), Pass: r.Pass.String(), PassBase: r.PassBase,
		MinMembers: r.MinMembers, MinSkilledMembers: r.MinSkilledMembers,
		Kind: r.Kind, MinExpertTitle: r.MinExpertTitle.String(), MinSkilledSkill: r.MinSkilledSkill.String(),
	}
	for _, g := range r.Groups {
		og := group{Name: g.Name, Skilled: g.Skilled, Note: g.Note, AchievementCap: g.AchievementCap, Methods: []method{}}
		for _, m := range g.Methods {
			om := method{Method: m.Method, Weight: m.Weight}
			if m.PassScore > 0 {
				om.PassScore = json.Number(m.PassScore.String())
			}
			og.Methods = append(og.Methods, om)
		}
		for _, a := range g.Achievements {
			og.Achievements = append(og.Achievements, achievement{Type: a.Type, Points: a.Points, Cap: a.Cap})
		}
		out.Groups = append(out.Groups, og)
	}
	return json.Marshal(out)
}
