import {
  Button, Label, Masthead, MastheadBrand, MastheadContent, MastheadMain, Nav, NavItem, NavList, Page, PageSidebar,
  PageSidebarBody, SkipToContent, Toolbar, ToolbarContent, ToolbarItem,
} from '@patternfly/react-core';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { useSession } from '../session';

const SCREENS: [string, string][] = [
  ['/clusters', 'Clusters'],
  ['/inventory', 'Inventory'],
  ['/import', 'Import'],
  ['/firewall', 'Distributed firewall'],
  ['/groups', 'Groups'],
  ['/explain', 'Explain'],
  ['/connectivity', 'Connectivity'],
  ['/traceflow', 'Traceflow'],
  ['/revisions', 'Revisions'],
  ['/audit', 'Audit log'],
];

const ROLE_NAMES: Record<string, string> = {
  enterprise_admin: 'Enterprise Admin',
  security_engineer: 'Security Admin',
  auditor: 'Auditor',
};

/** The frame of every signed-in screen: masthead with user and role, navigation, the screen itself. */
export function Shell() {
  const { session, signOut } = useSession();
  const location = useLocation();
  if (!session) {
    return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadBrand><span className="bw-brand">Breakwater</span></MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar isFullHeight>
          <ToolbarContent>
            <ToolbarItem align={{ default: 'alignEnd' }}>
              <span data-testid="signed-in-user" className="bw-user">{session.user}</span>
              <Label data-testid="signed-in-role" color="blue">{ROLE_NAMES[session.role] ?? session.role}</Label>
            </ToolbarItem>
            <ToolbarItem>
              <Button variant="secondary" isInline onClick={signOut}>Sign out</Button>
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );
  const sidebar = (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label="Screens">
          <NavList>
            {SCREENS.map(([to, name]) => (
              <NavItem key={to} isActive={location.pathname.startsWith(to)}>
                <NavLink to={to}>{name}</NavLink>
              </NavItem>
            ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );
  return (
    <Page masthead={masthead} sidebar={sidebar} isManagedSidebar
      skipToContent={<SkipToContent href="#main">Skip to content</SkipToContent>} mainContainerId="main">
      <Outlet />
    </Page>
  );
}
