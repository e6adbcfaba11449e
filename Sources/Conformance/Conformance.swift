// The Conformance module will hold the fixture loader, independent oracles, targets and reporters (issue 4).
// It is declared now so that the package layout, and the one-way dependency rule (Engine imports none of
// the others), are fixed from the first commit; it has no code until that issue lands.
