#pragma once
// The fleet library's entry point: typed AWS answers in, an Inventory out
// (make_inventory), then rendered (render.hpp) or checked (check.hpp). Pure: the
// clock is a parameter, and nothing here talks to AWS or writes files.
#include "fleet/check.hpp"
#include "fleet/duration.hpp"
#include "fleet/host_keys.hpp"
#include "fleet/model.hpp"
#include "fleet/render.hpp"
