package service

import "guantong/internal/store"

// Store returns the service's store, so that tests can look beneath it; the API and the
// pages go through the service's methods only.
func (s *Service) Store() *store.Store { return s.store }
