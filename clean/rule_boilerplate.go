package clean

// RuleBoilerplate removes the blocks a site repeats across its posts, as
// its config's boilerplate: table lists them (mdclean learn writes one).
const RuleBoilerplate = "boilerplate"
