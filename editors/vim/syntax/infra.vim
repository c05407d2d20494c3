" Vim syntax file
" Language:   infra (the infrac language, compiled to AWS CloudFormation)
" Filenames:  *.infra
" Reference:  grammar/REFERENCE.md
"
" Text blocks (``` ... ```) are highlighted as embedded sh; <<Name>> and
" <<Res.Attr>> interpolations are marked in strings and text blocks, also inside
" the shell's own strings, heredocs and comments.

if exists('b:current_syntax')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

" ---- embedded shell ----------------------------------------------------------------
" sh.vim picks its dialect from the first line of the buffer, which here is infra;
" text blocks usually hold bash, so default to it unless the user chose a shell.
if !exists('b:is_bash') && !exists('b:is_kornshell') && !exists('b:is_sh') && !exists('b:is_dash')
      \ && !exists('g:is_posix') && !exists('g:is_kornshell') && !exists('g:is_sh') && !exists('g:is_dash')
  let b:is_bash = 1
endif
syntax include @Shell syntax/sh.vim
unlet! b:current_syntax
" sh.vim changes the syntax 'iskeyword' (adds - and :) and its own sync points;
" neither suits infra.
syntax iskeyword clear
syntax sync clear
syntax sync fromstart

syntax case match

" ---- comments ----------------------------------------------------------------------
syntax keyword infraTodo contained TODO FIXME XXX NOTE
syntax match infraComment /#.*$/ contains=infraTodo,@Spell

" ---- strings and interpolation -------------------------------------------------------
" Interpolation is also allowed inside every sh group (strings, heredocs, comments, ...)
" through containedin; sh groups only exist inside text blocks.
syntax match infraInterpolation /<<\h\w*\%(::\h\w*\)*\%(\.\h\w*\)*>>/ contained
      \ contains=infraInterpDelim,infraInterpPseudo containedin=sh.*
syntax match infraInterpDelim /<<\|>>/ contained
syntax match infraInterpPseudo /\<AWS::\%(AccountId\|NotificationARNs\|NoValue\|Partition\|Region\|StackId\|StackName\|URLSuffix\)\>/ contained
syntax match infraInterpEscape /<<!\h\w*\%(::\h\w*\)*\%(\.\h\w*\)*>>/ contained containedin=sh.*

syntax match infraBadEscape /\\./ contained
syntax match infraEscape /\\\%(["\\/nrt]\|u\x\{4}\)/ contained
syntax region infraString start=/"/ skip=/\\\\\|\\"/ end=/"\|$/
      \ contains=infraEscape,infraBadEscape,infraInterpolation,infraInterpEscape

" A quoted map key: "us-east-1": { ... }
syntax match infraQuotedKey /"\%([^"\\]\|\\.\)*"\ze\s*:\%(:\)\@!/ contains=infraEscape,infraBadEscape

" sub("raw ${X}", {...}): the template goes to CloudFormation unchanged, so ${X} is
" CloudFormation's substitution and <<Name>> is not interpolated.
syntax region infraSubString start=/\%(\<sub\s*(\s*\)\@<="/ skip=/\\\\\|\\"/ end=/"\|$/
      \ contains=infraEscape,infraBadEscape,infraSubVar,infraSubEscape
syntax match infraSubEscape /\${![^}"]*}/ contained
syntax match infraSubVar /\${[^}!"][^}"]*}/ contained

" ---- values ----------------------------------------------------------------------------
syntax match infraNumber /\%(\w\|\.\)\@1<!-\=\d\+\%(\.\d\+\)\=\%(\w\|\.\)\@!/
syntax keyword infraBoolean true false
syntax match infraOperator /=/
" `...List` splices a list; `Name?` marks an optional component parameter.
syntax match infraOperator /\.\.\./
syntax match infraOperator /\w\@1<=?/
syntax match infraQualified /\%(\w\|[.:]\)\@1<!\h\w*\%(::\h\w*\)\+/
syntax match infraPseudo /\%(\w\|[.:]\)\@1<!AWS::\%(AccountId\|NotificationARNs\|NoValue\|Partition\|Region\|StackId\|StackName\|URLSuffix\)\>\%(::\)\@!/
syntax match infraProperty /\%(\w\|[.:]\)\@1<!\h\w*\%(::\h\w*\)*\ze\s*:\%(:\)\@!/
syntax match infraFunction /\%(\w\|[.:]\)\@1<!\%(base64\|cidr\|find_in_map\|get_att\|get_azs\|import_value\|join\|select\|split\|sub\|if\|equals\|and\|or\|not\|condition\|ref\|file\|range\|contains\|each_member_equals\|each_member_in\|ref_all\|value_of_all\|value_of\|logical_id\)\ze\s*(/

" ---- attributes: `keyword value` at the start of a line, after { or , or after a value
let s:attrs = 'description\|metadata\|transform\|default\|allowed_values\|allowed_pattern'
      \ . '\|min_length\|max_length\|min_value\|max_value\|no_echo\|rebuild\|constraint_description'
      \ . '\|depends_on\|condition\|deletion_policy\|update_replace_policy\|update_policy'
      \ . '\|creation_policy\|export\|value\|silence'
execute 'syntax match infraAttribute /\%(^\s*\|[{,]\s*\|[[:alnum:]_")\]}]\s\+\)\@<=\<\%(' . s:attrs . '\)\>'
      \ . '\%(\s*[:(.=,)\]}]\)\@!\%(\s\+\h\w*\s*=\)\@!/'
unlet s:attrs
syntax match infraPolicyConst /\%(\<\%(deletion_policy\|update_replace_policy\)\s\+\)\@<=\%(Delete\|Retain\|RetainExceptOnCreate\|Snapshot\)\>/

" ---- declarations --------------------------------------------------------------------
syntax match infraDeclaration /\%(\w\|[.:]\)\@1<!\<\%(param\|resource\|output\|mapping\|rule\)\>\ze\s\+\h/
      \ nextgroup=infraDeclName skipwhite
syntax match infraDeclaration /\%(\w\|[.:]\)\@1<!\<condition\>\ze\s\+\h\w*\s*=/ nextgroup=infraDeclName skipwhite
syntax match infraDeclName /\h\w*/ contained nextgroup=infraTypeColon skipwhite
syntax match infraTypeColon /:\%(:\)\@!/ contained nextgroup=infraType skipwhite
syntax match infraType /\h\w*\%(::\h\w*\)*\%(\s*<[^>]*>\+\)\=/ contained
syntax match infraDeclaration /\%(\w\|[.:]\)\@1<!\<stack\>\ze\s\+\a/ nextgroup=infraStackName skipwhite
" Reuse: imports, constants, components and loops.
syntax match infraDeclaration /\%(\w\|[.:]\)\@1<!\<\%(import\|let\|component\|use\|for\)\>\ze\s\+["[:alpha:]_]/
syntax match infraDeclaration /\s\zs\<\%(as\|in\)\>\ze\s\+[[:alpha:]_[]/
syntax match infraStackName /\a[[:alnum:]-]*/ contained
" Inside a rule: `when condition` and `assert condition "description"`.
syntax match infraAttribute /^\s*\zs\<\%(when\|assert\)\>\ze\s\+\h/

" ---- stack policy ----------------------------------------------------------------------
syntax region infraPolicy matchgroup=infraDeclaration start=/\%(\w\|[.:]\)\@1<!\<policy\>\ze\s*\%({\|$\|#\)/
      \ matchgroup=NONE end=/}/
      \ contains=infraComment,infraPolicyWord,infraPolicyAction,infraPolicyString,infraQualified,infraPseudo
syntax keyword infraPolicyWord contained allow deny not type
syntax keyword infraPolicyAction contained modify replace delete
syntax match infraPolicyAction /\*/ contained
syntax region infraPolicyString start=/"/ skip=/\\\\\|\\"/ end=/"\|$/ contained
      \ contains=infraEscape,infraBadEscape,infraWildcard
syntax match infraWildcard /[*?]/ contained

" ---- text blocks -----------------------------------------------------------------------
" A fence of N >= 3 backticks (optionally a tag, then end of line) opens a block that
" ends at the first line holding the same N backticks after indentation (and a `-` when
" the text has no final newline). Without a tag
" or with a shell tag the body is sh; with any other tag (json, text, ...) plain text.
" keepend: an unterminated sh construct (an indented heredoc terminator, an open
" quote) cannot run past the closing fence.
syntax region infraTextPlain matchgroup=infraTextFence
      \ start=/\z(`\{3,}\)`\@!\ze[[:alnum:]_+.-]\+\s*$/ end=/^\s*\zs\z1-\=`\@!/
      \ keepend contains=infraTextTag,infraInterpolation,infraInterpEscape
syntax region infraTextShell matchgroup=infraTextFence
      \ start=/\z(`\{3,}\)`\@!\ze\%(sh\|bash\|shell\|zsh\|ksh\|dash\)\=\s*$/ end=/^\s*\zs\z1-\=`\@!/
      \ keepend contains=@Shell,infraTextTag,infraInterpolation,infraInterpEscape
syntax match infraTextTag /\%(`\)\@1<=[[:alnum:]_+.-]\+\ze\s*$/ contained

" ---- highlighting ----------------------------------------------------------------------
highlight default link infraComment        Comment
highlight default link infraTodo           Todo
highlight default link infraDeclaration    Keyword
highlight default link infraDeclName       Function
highlight default link infraStackName      Function
highlight default link infraTypeColon      Delimiter
highlight default link infraType           Type
highlight default link infraAttribute      Statement
highlight default link infraPolicyWord     Keyword
highlight default link infraPolicyAction   Constant
highlight default link infraPolicyConst    Constant
highlight default link infraPolicyString   String
highlight default link infraWildcard       SpecialChar
highlight default link infraQualified      Type
highlight default link infraPseudo         Special
highlight default link infraInterpPseudo   Special
highlight default link infraProperty       Identifier
highlight default link infraQuotedKey      Identifier
highlight default link infraString         String
highlight default link infraSubString      String
highlight default link infraSubVar         Special
highlight default link infraSubEscape      SpecialChar
highlight default link infraEscape         SpecialChar
highlight default link infraBadEscape      Error
highlight default link infraInterpolation  Identifier
highlight default link infraInterpDelim    Delimiter
highlight default link infraInterpEscape   SpecialChar
highlight default link infraNumber         Number
highlight default link infraBoolean        Boolean
highlight default link infraFunction       Function
highlight default link infraOperator       Operator
highlight default link infraTextFence      Delimiter
highlight default link infraTextTag        Type
highlight default link infraTextPlain      String

let b:current_syntax = 'infra'

let &cpo = s:cpo_save
unlet s:cpo_save
