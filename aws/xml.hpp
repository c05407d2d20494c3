#pragma once
// The AWS Query protocol's answer side: XML bodies read with pugixml. An answer
// is accepted only when it is well-formed XML whose root is the element the
// operation promises (<CreateStackResponse>, ...); an AWS error document becomes
// an AwsError with its code and message; anything else (an HTML error page from
// a proxy, a truncated body, the wrong document) is a Protocol error that says
// what arrived instead. Nothing here throws or asserts on any input.
#include <pugixml.hpp>

#include <memory>
#include <string>
#include <vector>

#include "aws/http.hpp"
#include "aws/outcome.hpp"

namespace infrac::aws {

// A parsed answer; `result` is the <XResult> element under the root when there
// is one (Query APIs), else the root itself (EC2).
struct XmlAnswer {
  std::shared_ptr<pugi::xml_document> document;
  pugi::xml_node root;
  pugi::xml_node result;
};

// `operation` is the action name: the root must be <operation + "Response">.
Outcome<XmlAnswer> decode_answer(const HttpResponse& response, const std::string& operation);

// The error an HTTP answer carries, if it is one (status >= 300 or an error document).
// Understands the Query form <ErrorResponse><Error><Code/>, EC2's <Response><Errors><Error>
// and S3's <Error>; an error status without a readable document is still an error.
AwsError decode_error(const HttpResponse& response);

// Text of a descendant by slash path ("Stacks/member/StackId"); "" when absent.
std::string text_at(pugi::xml_node node, const char* path);

// The children of a list element: <Name><member>...</member></Name> (or <item> for EC2).
std::vector<pugi::xml_node> list_at(pugi::xml_node node, const char* path);

// A short, printable excerpt of a body for messages (control characters replaced).
std::string excerpt(const std::string& body, size_t max = 120);

}  // namespace infrac::aws
