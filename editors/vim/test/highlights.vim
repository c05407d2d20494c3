" Checks the Vim syntax at the places editors/test/highlights.tsv lists (the same
" places the VS Code and Emacs tests check). Run headless from the repository root:
"   vim -N -u NONE -i NONE -es -S editors/vim/test/highlights.vim
" It writes what failed to stdout and exits non-zero when anything did.

set nocompatible
let s:root = fnamemodify(expand('<sfile>:p'), ':h:h:h:h')
execute 'set runtimepath^=' . fnameescape(s:root . '/editors/vim')
filetype plugin on
syntax on

" The syntax groups each category may show (a pattern over the names of the
" groups stacked at the character, innermost last).
let s:groups = {
      \ 'comment': '^infraComment$',
      \ 'keyword': '^infraDeclaration$',
      \ 'name': '^infra\(DeclName\|StackName\)$',
      \ 'type': '^infra\(Type\|Qualified\)$',
      \ 'attribute': '^infraAttribute$',
      \ 'rule-word': '^infraAttribute$',
      \ 'policy': '^infraPolicy\(Word\|Action\)$',
      \ 'pseudo': '^infra\(Pseudo\|InterpPseudo\)$',
      \ 'property': '^infra\(Property\|QuotedKey\)$',
      \ 'string': '^infraString$',
      \ 'interpolation': '^infra\(Interpolation\|InterpPseudo\)$',
      \ 'literal': '^infraInterpEscape$',
      \ 'escape': '^infraEscape$',
      \ 'number': '^infraNumber$',
      \ 'boolean': '^infraBoolean$',
      \ 'function': '^infraFunction$',
      \ 'fence': '^infraTextFence$',
      \ 'shell-comment': '^sh.*Comment$',
      \ 'shell': '^sh',
      \ 'shell-string': '^sh.*Quote$',
      \ 'shell-variable': '^sh\(Deref\|Variable\)',
      \ 'text': '^infraTextPlain$',
      \ }

let s:failures = []
let s:checked = 0
for s:row in readfile(s:root . '/editors/test/highlights.tsv')
  if s:row =~# '^#' || s:row =~# '^\s*$'
    continue
  endif
  let [s:file, s:marker, s:text, s:nth, s:category] = split(s:row, "\t", 1)
  if expand('%:p') !=# s:root . '/' . s:file
    execute 'silent edit! ' . fnameescape(s:root . '/' . s:file)
  endif
  let s:lnum = 0
  for s:i in range(1, line('$'))
    if stridx(getline(s:i), s:marker) >= 0
      let s:lnum = s:i
      break
    endif
  endfor
  if s:lnum == 0
    call add(s:failures, s:file . ': no line holds ' . string(s:marker))
    continue
  endif
  let s:col = -1
  for s:k in range(0, str2nr(s:nth))
    let s:col = stridx(getline(s:lnum), s:text, s:col + 1)
  endfor
  if s:col < 0
    call add(s:failures, s:file . ': line ' . s:lnum . ' holds no ' . string(s:text))
    continue
  endif
  let s:stack = map(synstack(s:lnum, s:col + 1), 'synIDattr(v:val, "name")')
  let s:inner = synIDattr(synID(s:lnum, s:col + 1, 1), 'name')
  let s:ok = s:inner =~# s:groups[s:category]
  " Shell only inside a shell text block; an infra comment never inside one.
  if s:category =~# '^shell'
    let s:ok = s:ok && index(s:stack, 'infraTextShell') >= 0
  elseif s:category ==# 'comment' || s:category ==# 'text'
    let s:ok = s:ok && index(s:stack, 'infraTextShell') < 0
  endif
  let s:checked += 1
  if !s:ok
    call add(s:failures, printf('%s:%d:%d: %s: %s expected, the groups are %s', s:file, s:lnum, s:col + 1,
          \ string(s:text), s:category, string(s:stack)))
  endif
endfor

if s:checked < 60
  call add(s:failures, 'only ' . s:checked . ' places checked')
endif
for s:line in s:failures
  verbose echo s:line . "\n"
endfor
verbose echo printf("vim: %d places checked, %d failed\n", s:checked, len(s:failures))
execute (empty(s:failures) ? 'qall!' : 'cquit!')
