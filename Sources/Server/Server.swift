// The Server module will hold the Hummingbird 2 service over Engine (issue 3).
// It is declared now so that the package layout, and the one-way dependency rule (Engine imports none of
// the others), are fixed from the first commit; it has no code until that issue lands.
