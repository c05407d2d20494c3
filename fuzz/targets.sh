# The fuzz targets and how each is run, for tests/heavy/fuzz_smoke.sh and fuzz/run_all.sh
# (sourced by both): its dictionary, its largest input and its seed directories.
#   fuzz_targets                    the targets' names
#   fuzz_options TARGET SOURCE_DIR  libFuzzer's -dict and -max_len for TARGET
#   fuzz_seeds TARGET SOURCE_DIR    the seed corpus directories of TARGET
fuzz_targets=(parse_fuzzer project_fuzzer template_fuzzer xml_fuzzer lsp_fuzzer)

fuzz_options() {
  case $1 in
    parse_fuzzer|project_fuzzer) echo "-dict=$2/fuzz/infra.dict -max_len=16384" ;;
    template_fuzzer) echo "-dict=$2/fuzz/template.dict -max_len=16384" ;;
    xml_fuzzer) echo "-dict=$2/fuzz/xml.dict -max_len=8192" ;;
    lsp_fuzzer) echo "-dict=$2/fuzz/lsp.dict -max_len=16384" ;;
  esac
}

fuzz_seeds() {
  case $1 in
    parse_fuzzer|project_fuzzer) echo "$2/tests/golden $2/tests/errors $2/fuzz/seeds/project" ;;
    template_fuzzer) echo "$2/fuzz/seeds/template $2/tests/import" ;;
    xml_fuzzer) echo "$2/fuzz/seeds/xml" ;;
    lsp_fuzzer) echo "$2/fuzz/seeds/lsp" ;;
  esac
}
