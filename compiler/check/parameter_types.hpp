#pragma once
#include <string>
#include <vector>

namespace infrac {

// Every parameter type CloudFormation accepts, spelled without spaces.
const std::vector<std::string>& parameter_types();
bool is_parameter_type(const std::string& type);
bool is_list_parameter_type(const std::string& type);    // values are comma-delimited
bool is_number_parameter_type(const std::string& type);  // Number and List<Number>

}  // namespace infrac
