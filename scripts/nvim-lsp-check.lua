-- Headless Neovim check of the ai-clauses language server (Neovim 0.7+; push diagnostics).
--
--   AI_CLAUSES_SERVER=dist/server.cjs nvim --headless --clean -u NONE -c "luafile scripts/nvim-lsp-check.lua" draft.md
--
-- With AI_CLAUSES_USER_CONFIG=1 it starts nothing itself: it checks the client that the configuration loaded with
-- `-u init.lua` (the README's snippet, in the tests) attached to the buffer.
--
-- Starts `node $AI_CLAUSES_SERVER --stdio` for the current buffer, then checks diagnostics, hover, a quick fix
-- applied through Neovim's own workspace-edit code, completion and document symbols. Prints "ok ..." lines to
-- stdout and exits 0 when everything worked, 1 otherwise.

local server = os.getenv('AI_CLAUSES_SERVER') or 'dist/server.cjs'
local node = os.getenv('AI_CLAUSES_NODE') or 'node'
local timeout = 60000

local function out(line) io.stdout:write(line .. '\n') end
local function fail(msg)
  io.stdout:write('FAIL ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

local buf = vim.api.nvim_get_current_buf()
local client_id
if os.getenv('AI_CLAUSES_USER_CONFIG') == '1' then
  -- The user's configuration (the README's snippet, loaded with -u) started the server when the buffer was opened.
  vim.wait(timeout, function()
    for id, c in pairs(vim.lsp.buf_get_clients(buf)) do
      if c.name == 'ai-clauses' then client_id = id end
    end
    return client_id ~= nil
  end, 100)
  if not client_id then fail('the configuration attached no "ai-clauses" client to ' .. vim.api.nvim_buf_get_name(buf) .. ' (filetype ' .. vim.bo[buf].filetype .. ')') end
  out('ok attached by the configuration')
else
  client_id = vim.lsp.start_client({
    name = 'ai-clauses',
    cmd = { node, server, '--stdio' },
    root_dir = vim.fn.getcwd(),
    settings = { aiClauses = { enable = true } },
  })
  if not client_id then fail('could not start the server') end
  vim.lsp.buf_attach_client(buf, client_id)
end

local function our_diagnostics()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == 'ai-clauses' then table.insert(list, d) end
  end
  return list
end

local function has_code(list, code)
  for _, d in ipairs(list) do
    local c = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if c == code then return d end
  end
  return nil
end

-- 1. Diagnostics arrive (pushed: Neovim 0.7 has no pull diagnostics).
if not vim.wait(timeout, function() return has_code(our_diagnostics(), 'vague-time') ~= nil end, 100) then
  fail('no vague-time diagnostic from ai-clauses (got ' .. #vim.diagnostic.get(buf) .. ' diagnostics)')
end
local vague = has_code(our_diagnostics(), 'vague-time')
local codes = {}
for _, d in ipairs(our_diagnostics()) do table.insert(codes, tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code))) end
out('ok diagnostics ' .. #codes .. ': ' .. table.concat(codes, ','))

local function request(method, params)
  local responses = vim.lsp.buf_request_sync(buf, method, params, timeout)
  if not responses then fail(method .. ': no response') end
  for _, r in pairs(responses) do
    if r.err then fail(method .. ': ' .. vim.inspect(r.err)) end
    return r.result
  end
end

local uri = vim.uri_from_bufnr(buf)
local position = { line = vague.lnum, character = vague.col + 1 }

-- 2. Hover on the finding.
local hover = request('textDocument/hover', { textDocument = { uri = uri }, position = position })
if not hover or not hover.contents or not string.find(hover.contents.value or '', 'vague%-time') then fail('hover: ' .. vim.inspect(hover)) end
out('ok hover')

-- 3. Quick fix: apply the preferred edit with Neovim's own code, then the finding goes away.
-- Back to an LSP diagnostic (Neovim keeps code and data under user_data.lsp; the draft is ASCII, so byte columns
-- are UTF-16 columns).
local kept = (vague.user_data and vague.user_data.lsp) or {}
local lsp_diag = {
  range = { start = { line = vague.lnum, character = vague.col }, ['end'] = { line = vague.end_lnum, character = vague.end_col } },
  message = vague.message,
  source = vague.source,
  code = kept.code or vague.code,
  data = kept.data,
}
local actions = request('textDocument/codeAction', {
  textDocument = { uri = uri },
  range = lsp_diag.range,
  context = { diagnostics = { lsp_diag } },
})
local fix
for _, a in ipairs(actions or {}) do
  if a.isPreferred and a.edit then fix = a end
end
if not fix then fail('no preferred code action: ' .. vim.inspect(actions)) end
vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
if not vim.wait(timeout, function() return has_code(our_diagnostics(), 'vague-time') == nil end, 100) then
  fail('vague-time still reported after the fix')
end
local line = vim.api.nvim_buf_get_lines(buf, vague.lnum, vague.lnum + 1, false)[1]
if not string.find(line, 'within') then fail('the fix did not write a deadline: ' .. line) end
out('ok code action')

-- 4. Completion: section numbers after "Section ".
local last = vim.api.nvim_buf_line_count(buf)
vim.api.nvim_buf_set_lines(buf, last, last, false, { '', 'See Section ' })
local completion = request('textDocument/completion', {
  textDocument = { uri = uri },
  position = { line = last + 1, character = 12 },
  context = { triggerKind = 2, triggerCharacter = ' ' },
})
local items = completion and (completion.items or completion) or {}
if #items == 0 then fail('completion: no section numbers') end
out('ok completion ' .. #items)

-- 5. Document symbols.
local symbols = request('textDocument/documentSymbol', { textDocument = { uri = uri } })
if not symbols or #symbols == 0 then fail('no document symbols') end
out('ok symbols ' .. symbols[1].name)

vim.lsp.stop_client(client_id)
vim.cmd('qall!')
