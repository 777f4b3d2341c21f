package guantong

// RouteName says a route as the plan does, in Chinese: 申报评审, 直接认定, 职业技能评价.
func RouteName(route string) string {
	switch route {
	case RouteTitleReview:
		return "申报评审"
	case RouteTitleRecognition:
		return "直接认定"
	case RouteSkillEvaluation:
		return "职业技能评价"
	}
	return route
}
