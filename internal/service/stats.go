package service

import (
	"context"

	"guantong"
	"guantong/internal/stats"
	"guantong/internal/store"
)

// Stats returns the dashboard: a 职改办 sees its region (the region of its organisation),
// the admin (the department) the province, or one region when region is given. Every figure
// is an aggregate query (internal/stats), counted at most Config.StatsMaxAge ago (AsOf).
func (s *Service) Stats(ctx context.Context, u *guantong.User, region string) (stats.Dashboard, error) {
	if err := signedIn(u); err != nil {
		return stats.Dashboard{}, err
	}
	var sc store.Scope
	switch u.Role {
	case guantong.RoleAdmin:
		sc.Region = region
	case guantong.RoleOffice:
		org, err := s.store.Organisation(ctx, u.OrgID)
		if err != nil {
			return stats.Dashboard{}, err
		}
		if region != "" && region != org.Region {
			return stats.Dashboard{}, guantong.Errorf(guantong.EForbidden, "职改办只能查看本地区（%s）的统计", org.Region)
		}
		sc.Region = org.Region
	default:
		return stats.Dashboard{}, guantong.Errorf(guantong.EForbidden, "统计只对职改办和管理员开放")
	}
	return s.stats.dashboard(ctx, sc, s.buildStats(sc))
}

// buildStats counts the dashboard of sc, saying when.
func (s *Service) buildStats(sc store.Scope) func(context.Context) (stats.Dashboard, error) {
	return func(ctx context.Context) (stats.Dashboard, error) {
		d, err := stats.Build(ctx, s.store, sc)
		d.AsOf = s.now()
		return d, err
	}
}
