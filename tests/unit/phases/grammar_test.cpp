// The grammar itself: no left recursion, no rule that can loop without progress.
#include <doctest/doctest.h>
#include <tao/pegtl/contrib/analyze.hpp>

#include "infra_grammar.hpp"

TEST_CASE("the infra grammar has no left recursion and no rule that loops without progress") {
  CHECK(tao::pegtl::analyze<infrac::grammar::file>(-1) == 0);
}
